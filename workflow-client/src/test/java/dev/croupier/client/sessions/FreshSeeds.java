package dev.croupier.client.sessions;

import dev.croupier.games.rng.SessionSeeds;
import dev.croupier.workflows.session.SeedActivities;
import dev.croupier.workflows.session.Seeds;
import java.security.SecureRandom;

/** Server seeds from a CSPRNG, as the activities module makes them. */
final class FreshSeeds implements SeedActivities {
  private final SecureRandom random = new SecureRandom();

  @Override
  public Seeds generate(String clientSeed) {
    SessionSeeds s = SessionSeeds.start(random);
    if (clientSeed != null) {
      s = s.withClientSeed(clientSeed);
    }
    return new Seeds(s.serverSeed().hex(), s.commitment().sha256Hex(), s.clientSeed());
  }
}
