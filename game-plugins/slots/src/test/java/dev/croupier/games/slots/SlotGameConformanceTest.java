package dev.croupier.games.slots;

import dev.croupier.games.api.GamePlugin;
import dev.croupier.games.api.conformance.GamePluginConformanceKit;

class SlotGameConformanceTest extends GamePluginConformanceKit {
  @Override
  protected GamePlugin newPlugin() {
    return SlotGame.load("dev/croupier/games/slots/slot-classic-1.0.0.json");
  }
}
