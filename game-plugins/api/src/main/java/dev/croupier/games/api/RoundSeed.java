package dev.croupier.games.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The committed inputs of one round's random draws. The workflow holds the session's seeds and
 * passes them in; the plugin derives every draw from them (see {@code dev.croupier.games.rng}), so
 * the same seed always gives the same round.
 *
 * @param serverSeed the session's secret server seed: 64 lower-case hex characters (32 bytes),
 *     committed to the player as its SHA-256 before the first round and revealed at session close
 * @param clientSeed the player's seed: 1 to 64 printable ASCII characters
 * @param nonce the round number, from 1
 */
public record RoundSeed(String serverSeed, String clientSeed, long nonce) {
  private static final Pattern HEX_32_BYTES = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]{1,64}");

  public RoundSeed {
    Objects.requireNonNull(serverSeed, "serverSeed");
    Objects.requireNonNull(clientSeed, "clientSeed");
    if (!HEX_32_BYTES.matcher(serverSeed).matches()) {
      throw new IllegalArgumentException("server seed must be 64 lower-case hex characters");
    }
    if (!PRINTABLE.matcher(clientSeed).matches()) {
      throw new IllegalArgumentException("client seed must be 1-64 printable ASCII characters");
    }
    if (nonce < 1) {
      throw new IllegalArgumentException("nonce must be >= 1: " + nonce);
    }
  }

  /** The server seed is a secret until the session closes: keep it out of logs. */
  @Override
  public String toString() {
    return "RoundSeed[serverSeed=<secret>, clientSeed=" + clientSeed + ", nonce=" + nonce + "]";
  }
}
