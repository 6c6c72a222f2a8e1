package dev.croupier.games.api.fake;

import dev.croupier.games.api.TableGame;
import dev.croupier.games.api.conformance.TableGameConformanceKit;
import java.util.Map;

class FakeHighCardGameConformanceTest extends TableGameConformanceKit<FakeHighCardGame.Table> {
  @Override
  protected TableGame<FakeHighCardGame.Table> newGame() {
    return new FakeHighCardGame();
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of(
        "currency", "COIN", "seats", 4, "ante", 5, "minBuyIn", 50, "maxBuyIn", 500, "rakeBps", 500);
  }

  @Override
  protected Map<String, Object> badConfig() {
    return Map.of("currency", "COIN", "seats", 4, "ante", 5, "minBuyIn", 50, "maxBuyIn", 10);
  }
}
