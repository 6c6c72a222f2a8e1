package dev.croupier.games.rng;

import java.security.MessageDigest;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * SHA-256 of a server seed's 32 bytes, in lower-case hex: published to the player when the session
 * starts, so that the seed revealed at the end provably was fixed before any bet.
 *
 * @param sha256Hex 64 lower-case hex characters
 */
public record Commitment(String sha256Hex) {
  private static final Pattern HEX_32_BYTES = Pattern.compile("[0-9a-f]{64}");

  public Commitment {
    Objects.requireNonNull(sha256Hex, "sha256Hex");
    if (!HEX_32_BYTES.matcher(sha256Hex).matches()) {
      throw new IllegalArgumentException("commitment must be 64 lower-case hex characters");
    }
  }

  /** Whether a revealed seed is the one committed to. Malformed seeds do not match. */
  public boolean matches(String revealedServerSeedHex) {
    if (revealedServerSeedHex == null || !HEX_32_BYTES.matcher(revealedServerSeedHex).matches()) {
      return false;
    }
    byte[] actual = Hex.sha256(Hex.decode(revealedServerSeedHex));
    return MessageDigest.isEqual(actual, Hex.decode(sha256Hex));
  }
}
