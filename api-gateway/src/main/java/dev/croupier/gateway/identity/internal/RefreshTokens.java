package dev.croupier.gateway.identity.internal;

import dev.croupier.gateway.identity.IdentityProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens: 256 random bits, base64url, handed out once and stored only as SHA-256. A
 * login starts a family; each refresh marks the token used and issues its child in the same family.
 */
@Component
final class RefreshTokens {
  static final int MAX_TOKEN_LENGTH = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RefreshTokenRepository repository;
  private final IdentityProperties properties;
  private final Clock clock;

  RefreshTokens(RefreshTokenRepository repository, IdentityProperties properties, Clock clock) {
    this.repository = repository;
    this.properties = properties;
    this.clock = clock;
  }

  record Issued(String token, UUID familyId, Instant expiresAt) {}

  /** Starts a new family, inside the caller's transaction. */
  Issued startFamily(DSLContext tx, UUID userId, String deviceId) {
    return issue(tx, UuidV7.next(clock), null, userId, deviceId);
  }

  /** Issues the successor of a used token, inside the caller's transaction. */
  Issued rotate(DSLContext tx, RefreshTokenRepository.Row used) {
    repository.markUsed(tx, used.tokenId(), clock.instant());
    return issue(tx, used.familyId(), used.tokenId(), used.userId(), used.deviceId());
  }

  private Issued issue(
      DSLContext tx, UUID familyId, @Nullable UUID parentId, UUID userId, String deviceId) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(properties.refreshTokenTtl());
    repository.insert(
        tx, UuidV7.next(clock), hash(token), familyId, parentId, userId, deviceId, now, expiresAt);
    return new Issued(token, familyId, expiresAt);
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
