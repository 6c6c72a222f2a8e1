package dev.croupier.gateway.identity.internal;

import dev.croupier.gateway.identity.IdentityProperties;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashing (Spring Security's encoder on BouncyCastle): 16-byte salt, 32-byte
 * hash, cost from {@code croupier.identity.argon2} (OWASP minimum by default: m=19 MiB, t=2, p=1).
 * The cost is stored in each hash, so raising it later still verifies old hashes.
 */
@Component
final class Passwords {
  private final Argon2PasswordEncoder encoder;
  private final String dummyHash;
  private final String description;

  Passwords(IdentityProperties properties) {
    IdentityProperties.Argon2 cost = properties.argon2();
    this.encoder =
        new Argon2PasswordEncoder(16, 32, cost.parallelism(), cost.memoryKib(), cost.iterations());
    this.dummyHash = encoder.encode("not-a-password-of-anyone");
    this.description =
        "argon2id(m=%dKiB,t=%d,p=%d)"
            .formatted(cost.memoryKib(), cost.iterations(), cost.parallelism());
  }

  String hash(String password) {
    return encoder.encode(password);
  }

  boolean matches(String password, String hash) {
    return encoder.matches(password, hash);
  }

  /**
   * Spends the same KDF time as a real check, for an email that has no password, so response time
   * does not tell which emails are registered.
   */
  void burn(String password) {
    encoder.matches(password, dummyHash);
  }

  String description() {
    return description;
  }
}
