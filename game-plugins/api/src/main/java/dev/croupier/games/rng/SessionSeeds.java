package dev.croupier.games.rng;

import dev.croupier.games.api.RoundSeed;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The seeds of one session: the secret server seed, its public commitment and the player's client
 * seed. The workflow keeps this record, shows {@link #commitment()} and {@link #clientSeed()} to
 * the player, makes each round's {@link RoundSeed} with {@link #round(long)}, and reveals {@link
 * #serverSeed()} when the session closes.
 *
 * @param serverSeed the secret seed
 * @param commitment SHA-256 of the server seed, shown at session start
 * @param clientSeed the player's seed, 1 to 64 printable ASCII characters
 */
public record SessionSeeds(ServerSeed serverSeed, Commitment commitment, String clientSeed) {
  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]{1,64}");

  public SessionSeeds {
    Objects.requireNonNull(serverSeed, "serverSeed");
    Objects.requireNonNull(commitment, "commitment");
    if (!commitment.matches(serverSeed.hex())) {
      throw new IllegalArgumentException("commitment does not match the server seed");
    }
    if (clientSeed == null || !PRINTABLE.matcher(clientSeed).matches()) {
      throw new IllegalArgumentException("client seed must be 1-64 printable ASCII characters");
    }
  }

  /**
   * Commits to a fresh server seed and picks a default client seed, 16 hex characters from the same
   * CSPRNG, which the player may replace with {@link #withClientSeed(String)} before the first
   * round. Call it where randomness is allowed (an activity), never in workflow code.
   */
  public static SessionSeeds start(SecureRandom random) {
    ServerSeed seed = ServerSeed.generate(random);
    byte[] client = new byte[8];
    random.nextBytes(client);
    return new SessionSeeds(seed, seed.commitment(), Hex.encode(client));
  }

  /** The same commitment with the player's own client seed. */
  public SessionSeeds withClientSeed(String newClientSeed) {
    return new SessionSeeds(serverSeed, commitment, newClientSeed);
  }

  /** The seed of round {@code nonce} (1, 2, 3 …), for {@code RoundGame.settle}. */
  public RoundSeed round(long nonce) {
    return new RoundSeed(serverSeed.hex(), clientSeed, nonce);
  }
}
