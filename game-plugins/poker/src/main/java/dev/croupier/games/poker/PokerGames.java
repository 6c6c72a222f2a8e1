package dev.croupier.games.poker;

import dev.croupier.games.api.GamePlugin;
import dev.croupier.games.api.GamePluginProvider;
import java.util.List;

/** Registers {@link PokerGame} with {@link java.util.ServiceLoader}. */
public final class PokerGames implements GamePluginProvider {
  @Override
  public List<GamePlugin> plugins() {
    return List.of(new PokerGame());
  }
}
