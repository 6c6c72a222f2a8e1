package dev.croupier.games.slots;

import dev.croupier.games.api.RoundGame;
import dev.croupier.games.api.conformance.RoundGameConformanceKit;

class SlotGameConformanceTest extends RoundGameConformanceKit {
  @Override
  protected RoundGame newPlugin() {
    return SlotGame.load("dev/croupier/games/slots/slot-classic-1.0.0.json");
  }
}
