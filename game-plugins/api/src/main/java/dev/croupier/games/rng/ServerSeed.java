package dev.croupier.games.rng;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A session's secret server seed: 32 bytes from a CSPRNG, written as 64 lower-case hex characters.
 * It keys every draw of the session. Only its {@link Commitment} is shown before the session
 * closes; then the seed itself is revealed so that players can verify every round.
 *
 * @param hex the 32 seed bytes in lower-case hex
 */
public record ServerSeed(String hex) {
  private static final Pattern HEX_32_BYTES = Pattern.compile("[0-9a-f]{64}");

  public ServerSeed {
    Objects.requireNonNull(hex, "hex");
    if (!HEX_32_BYTES.matcher(hex).matches()) {
      throw new IllegalArgumentException("server seed must be 64 lower-case hex characters");
    }
  }

  /**
   * A fresh seed. Pass a {@link SecureRandom}; in a workflow, call this in an activity or side
   * effect, never in workflow code, so that the seed is recorded rather than regenerated on replay.
   */
  public static ServerSeed generate(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return new ServerSeed(Hex.encode(bytes));
  }

  /** What the player sees before the first round: SHA-256 of the 32 seed bytes. */
  public Commitment commitment() {
    return new Commitment(Hex.encode(Hex.sha256(bytes())));
  }

  /** The 32 seed bytes, which are the HMAC key. */
  public byte[] bytes() {
    return Hex.decode(hex);
  }

  /** The seed is a secret until the session closes: keep it out of logs. */
  @Override
  public String toString() {
    return "ServerSeed[<secret>]";
  }
}
