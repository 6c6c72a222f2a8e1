package dev.croupier.games.api.fake;

import dev.croupier.games.api.GamePlugin;
import dev.croupier.games.api.GamePluginProvider;
import java.util.List;

/**
 * Registers the fake games, a round game and a table game, with {@link java.util.ServiceLoader}
 * from the test-jar.
 */
public final class FakeGamesProvider implements GamePluginProvider {
  @Override
  public List<GamePlugin> plugins() {
    return List.of(new FakeCoinFlipGame(), new FakeHighCardGame());
  }
}
