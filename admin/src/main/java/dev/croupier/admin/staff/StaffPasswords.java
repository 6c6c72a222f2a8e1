package dev.croupier.admin.staff;

import dev.croupier.admin.AdminProperties;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.nio.CharBuffer;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Staff passwords: Argon2id (16-byte salt, 32-byte hash) at the cost in {@code
 * croupier.admin.argon2}, at least 12 characters. A check against an unknown email spends the same
 * time on a dummy hash, so the time of a refusal does not tell which emails are staff.
 */
public final class StaffPasswords {
  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 128;

  private final Argon2PasswordEncoder encoder;
  private final String dummy;

  public StaffPasswords(AdminProperties.Argon2 cost) {
    this.encoder =
        new Argon2PasswordEncoder(16, 32, cost.parallelism(), cost.memoryKib(), cost.iterations());
    this.dummy = encoder.encode("not the password of anyone at all");
  }

  String hash(char[] password) {
    return encoder.encode(CharBuffer.wrap(password));
  }

  boolean matches(char[] password, String hash) {
    return hash != null && encoder.matches(CharBuffer.wrap(password), hash);
  }

  void burn(char[] password) {
    encoder.matches(CharBuffer.wrap(password), dummy);
  }

  /**
   * @throws CroupierException {@code VALIDATION_FAILED} for a password shorter than 12 or longer
   *     than 128 characters
   */
  static void requireStrong(char[] password) {
    if (password == null || password.length < MIN_LENGTH || password.length > MAX_LENGTH) {
      throw new CroupierException(
          ErrorCode.VALIDATION_FAILED,
          "password: " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
    }
  }
}
