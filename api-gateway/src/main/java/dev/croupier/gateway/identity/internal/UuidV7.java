package dev.croupier.gateway.identity.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/** RFC 9562 version 7 UUIDs: time-ordered, so new users land at the end of the primary key. */
final class UuidV7 {
  private static final SecureRandom RANDOM = new SecureRandom();

  private UuidV7() {}

  static UUID next(Clock clock) {
    long millis = clock.millis();
    byte[] rand = new byte[10];
    RANDOM.nextBytes(rand);
    long msb = (millis & 0xFFFF_FFFF_FFFFL) << 16;
    msb |= 0x7000L | ((rand[0] & 0x0FL) << 8) | (rand[1] & 0xFFL);
    long lsb = 0x8000_0000_0000_0000L | ((rand[2] & 0x3FL) << 56);
    for (int i = 3; i < 10; i++) {
      lsb |= (rand[i] & 0xFFL) << (8 * (9 - i));
    }
    return new UUID(msb, lsb);
  }
}
