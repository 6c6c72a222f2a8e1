package dev.croupier.wallet.api;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The shared HMAC-SHA256 key that signs service tokens: at least 32 bytes, given base64-encoded in
 * {@value #ENV}. Never commit one; tests make a random one.
 */
public final class ServiceTokenKey {
  public static final String ENV = "CROUPIER_SERVICE_TOKEN_KEY";
  public static final int MIN_BYTES = 32;

  private final byte[] bytes;

  private ServiceTokenKey(byte[] bytes) {
    if (bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          "A service token key needs at least %d bytes, got %d".formatted(MIN_BYTES, bytes.length));
    }
    this.bytes = bytes.clone();
  }

  /** Decodes a base64 key (standard or URL alphabet). */
  public static ServiceTokenKey fromBase64(String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new IllegalArgumentException("No service token key given; set " + ENV);
    }
    String trimmed = base64.trim();
    byte[] decoded =
        trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0
            ? Base64.getUrlDecoder().decode(trimmed)
            : Base64.getDecoder().decode(trimmed);
    return new ServiceTokenKey(decoded);
  }

  /** The key in {@value #ENV}. */
  public static ServiceTokenKey fromEnvironment() {
    return fromBase64(System.getenv(ENV));
  }

  /** A fresh random 32-byte key, for tests and local runs. */
  public static ServiceTokenKey random() {
    byte[] b = new byte[MIN_BYTES];
    new SecureRandom().nextBytes(b);
    return new ServiceTokenKey(b);
  }

  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceTokenKey k && java.security.MessageDigest.isEqual(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "ServiceTokenKey[redacted]";
  }
}
