package dev.croupier.client.sessions;

import java.security.SecureRandom;
import java.util.UUID;

/** Session ids: UUIDv7 (RFC 9562), time-ordered, made outside workflow code. */
public final class SessionIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionIds() {}

  /** A new UUIDv7: 48 bits of Unix milliseconds, then version, variant and 74 random bits. */
  public static UUID newSessionId() {
    long millis = System.currentTimeMillis();
    long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0fffL);
    long low = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(high, low);
  }
}
