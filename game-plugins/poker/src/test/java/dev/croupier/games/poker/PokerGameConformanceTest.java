package dev.croupier.games.poker;

import dev.croupier.games.api.TableGame;
import dev.croupier.games.api.conformance.TableGameConformanceKit;
import java.util.Map;

/** No-Limit Hold'em through the table game contract, as the table workflow plays it. */
class PokerGameConformanceTest extends TableGameConformanceKit<TableState> {
  @Override
  protected TableGame<TableState> newGame() {
    return new PokerGame();
  }

  @Override
  protected Map<String, Object> config() {
    return PokerGame.config(new TableConfig("COIN", 6, 5, 10, 100, 1_000, 500, 30));
  }

  @Override
  protected Map<String, Object> badConfig() {
    return Map.of("currency", "COIN", "seatCount", 6, "smallBlind", 10, "bigBlind", 5);
  }
}
