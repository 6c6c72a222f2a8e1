package dev.croupier.workflows.session;

import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.rng.ServerSeed;
import java.util.Objects;

/**
 * A session's provably fair seeds as the workflow keeps them. The server seed is created by {@link
 * SeedActivities} (a CSPRNG, outside workflow code) and revealed at close; in payloads it is sealed
 * by {@link SeedSealing}.
 *
 * @param serverSeed 64 lower-case hex characters; secret until the session closes
 * @param commitment SHA-256 of the server seed's bytes, shown at session start
 * @param clientSeed the player's seed, 1 to 64 printable ASCII characters
 */
public record Seeds(String serverSeed, String commitment, String clientSeed) {
  public Seeds {
    Objects.requireNonNull(serverSeed, "serverSeed");
    Objects.requireNonNull(commitment, "commitment");
    Objects.requireNonNull(clientSeed, "clientSeed");
    // Also what stops a worker without SeedSealing from playing rounds with a sealed seed.
    try {
      new ServerSeed(serverSeed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a server seed is 64 lower-case hex digits; a sealed one needs SeedSealing to open", e);
    }
  }

  /** The draws of round {@code nonce}. */
  public RoundSeed round(long nonce) {
    return new RoundSeed(serverSeed, clientSeed, nonce);
  }

  Seeds withClientSeed(String seed) {
    return new Seeds(serverSeed, commitment, seed);
  }

  @Override
  public String toString() {
    return "Seeds[serverSeed=<secret>, commitment="
        + commitment
        + ", clientSeed="
        + clientSeed
        + "]";
  }
}
