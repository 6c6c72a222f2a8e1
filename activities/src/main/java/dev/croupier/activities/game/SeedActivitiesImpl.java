package dev.croupier.activities.game;

import dev.croupier.errors.ErrorCode;
import dev.croupier.games.rng.SessionSeeds;
import dev.croupier.workflows.session.SeedActivities;
import dev.croupier.workflows.session.Seeds;
import io.temporal.failure.ApplicationFailure;
import java.security.SecureRandom;

/** Server seeds from the platform CSPRNG. */
public final class SeedActivitiesImpl implements SeedActivities {
  private final SecureRandom random;

  public SeedActivitiesImpl(SecureRandom random) {
    this.random = random;
  }

  @Override
  public Seeds generate(String clientSeed) {
    SessionSeeds seeds = SessionSeeds.start(random);
    if (clientSeed != null) {
      try {
        seeds = seeds.withClientSeed(clientSeed);
      } catch (IllegalArgumentException e) {
        throw ApplicationFailure.newNonRetryableFailure(
            e.getMessage(), ErrorCode.VALIDATION_FAILED.name());
      }
    }
    return new Seeds(seeds.serverSeed().hex(), seeds.commitment().sha256Hex(), seeds.clientSeed());
  }
}
