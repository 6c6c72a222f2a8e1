package dev.croupier.games.rng;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lower-case hex and SHA-256, the encodings every published value uses. */
final class Hex {
  private static final HexFormat HEX = HexFormat.of();

  private Hex() {}

  static String encode(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  static byte[] decode(String hex) {
    return HEX.parseHex(hex);
  }

  static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
