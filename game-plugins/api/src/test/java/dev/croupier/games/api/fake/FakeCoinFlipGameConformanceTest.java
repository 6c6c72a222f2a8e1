package dev.croupier.games.api.fake;

import dev.croupier.games.api.GamePlugin;
import dev.croupier.games.api.conformance.GamePluginConformanceKit;

class FakeCoinFlipGameConformanceTest extends GamePluginConformanceKit {
  @Override
  protected GamePlugin newPlugin() {
    return new FakeCoinFlipGame();
  }
}
