package dev.croupier.gateway.identity.internal;

import static dev.croupier.db.jooq.identity.Tables.SIGN_IN_CODES;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * One-time codes that finish an OIDC login ({@code identity.sign_in_codes}): the provider's
 * callback ends with a redirect carrying a code, never tokens, and the web client trades the code
 * for tokens with {@code POST /auth/oidc/token}. Only the SHA-256 is stored; a code is good once,
 * for {@link #TTL}, on any node.
 */
@Component
final class SignInCodes {
  static final Duration TTL = Duration.ofSeconds(60);
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;

  SignInCodes(Clock clock) {
    this.clock = clock;
  }

  /** A new code for {@code userId}, inside the caller's transaction. */
  String issue(DSLContext tx, UUID userId) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    Instant now = clock.instant();
    tx.deleteFrom(SIGN_IN_CODES)
        .where(SIGN_IN_CODES.EXPIRES_AT.lt(UserRepository.at(now)))
        .execute();
    tx.insertInto(SIGN_IN_CODES)
        .set(SIGN_IN_CODES.CODE_HASH, RefreshTokens.hash(code))
        .set(SIGN_IN_CODES.USER_ID, userId)
        .set(SIGN_IN_CODES.EXPIRES_AT, UserRepository.at(now.plus(TTL)))
        .execute();
    return code;
  }

  /** Uses up a code: its user the first time, while it is current; empty ever after. */
  Optional<UUID> redeem(DSLContext tx, String code) {
    if (code == null || !CODE.matcher(code).matches()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return tx.deleteFrom(SIGN_IN_CODES)
        .where(SIGN_IN_CODES.CODE_HASH.eq(RefreshTokens.hash(code)))
        .returning()
        .fetchOptional()
        .filter(r -> now.isBefore(r.getExpiresAt().toInstant()))
        .map(r -> r.getUserId());
  }
}
