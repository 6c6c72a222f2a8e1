package dev.croupier.games.api.fake;

import dev.croupier.games.api.RoundGame;
import dev.croupier.games.api.conformance.RoundGameConformanceKit;

class FakeCoinFlipGameConformanceTest extends RoundGameConformanceKit {
  @Override
  protected RoundGame newPlugin() {
    return new FakeCoinFlipGame();
  }
}
