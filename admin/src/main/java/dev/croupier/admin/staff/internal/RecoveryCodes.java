package dev.croupier.admin.staff.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One-time recovery codes for a lost second factor: ten per staff member, each 80 random bits
 * written as four groups of four base32 letters ({@code abcd-efgh-ijkl-mnop}). Stored as SHA-256,
 * which is enough for 80 bits of entropy.
 */
public final class RecoveryCodes {
  public static final int COUNT = 10;
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final SecureRandom RANDOM = new SecureRandom();

  private RecoveryCodes() {}

  /** Ten fresh codes. */
  public static List<String> generate() {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      StringBuilder code = new StringBuilder();
      for (int j = 0; j < 16; j++) {
        if (j > 0 && j % 4 == 0) {
          code.append('-');
        }
        code.append(ALPHABET.charAt(RANDOM.nextInt(32)));
      }
      codes.add(code.toString());
    }
    return codes;
  }

  /** Whether {@code input} has the shape of a recovery code (dashes and case are forgiven). */
  public static boolean looksLikeOne(String input) {
    return input != null && normalise(input).matches("[a-z2-7]{16}");
  }

  /** The stored hash of a code as typed. */
  public static byte[] hash(String code) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(normalise(code).getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String normalise(String input) {
    return input.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
  }
}
