package dev.croupier.games.api;

import java.util.Objects;

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

  public RoundSeed {
    Objects.requireNonNull(serverSeed, "serverSeed");
    Objects.requireNonNull(clientSeed, "clientSeed");
    // Checked by hand in plain loops, rather than by regex or stream: every round of every session
    // builds a seed (bench/README.md, "Slot spins per second").
    if (serverSeed.length() != 64 || !allLowerHex(serverSeed)) {
      throw new IllegalArgumentException("server seed must be 64 lower-case hex characters");
    }
    if (clientSeed.isEmpty() || clientSeed.length() > 64 || !allPrintableAscii(clientSeed)) {
      throw new IllegalArgumentException("client seed must be 1-64 printable ASCII characters");
    }
    if (nonce < 1) {
      throw new IllegalArgumentException("nonce must be >= 1: " + nonce);
    }
  }

  private static boolean allLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean allPrintableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** The server seed is a secret until the session closes: keep it out of logs. */
  @Override
  public String toString() {
    return "RoundSeed[serverSeed=<secret>, clientSeed=" + clientSeed + ", nonce=" + nonce + "]";
  }
}
