package dev.croupier.games.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of what was certified for a game version ({@link GameDescriptor#contentHash()}):
 * SHA-256 of the exact bytes a test lab signed off, for example a slot's math file or a table
 * engine's rules. A change of behaviour is a new version with a new file, and so a new hash; a
 * session or table that started on the old one goes on with the old one or stops.
 */
public final class Certified {
  private Certified() {}

  /** SHA-256 of {@code bytes} as 64 lower-case hex digits. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * SHA-256 of a class-path resource.
   *
   * @throws IllegalStateException if the resource is missing
   */
  public static String sha256OfResource(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing certified resource " + resource);
      }
      return sha256(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code text} looks like a content hash: 64 lower-case hex digits. */
  public static boolean isHash(String text) {
    if (text == null || text.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
