package dev.croupier.gateway.identity.internal;

import static dev.croupier.db.jooq.identity.Tables.REVOKED_ACCESS_TOKENS;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The deny list of access tokens revoked at logout ({@code identity.revoked_access_tokens}), by
 * {@code jti}, kept until each token would have expired. As a token validator it refuses a revoked
 * token on every REST call and WebSocket upgrade, on every node: one primary-key lookup.
 */
@Component
final class RevokedAccessTokens implements OAuth2TokenValidator<Jwt> {
  private static final OAuth2Error REVOKED =
      new OAuth2Error("invalid_token", "The access token was revoked.", null);

  private final DSLContext dsl;
  private final Clock clock;

  RevokedAccessTokens(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** Revokes a token until it expires; idempotent. Forgets tokens that expired anyway. */
  void revoke(String tokenId, UUID userId, Instant expiresAt) {
    Instant now = clock.instant();
    dsl.transaction(
        c -> {
          c.dsl()
              .deleteFrom(REVOKED_ACCESS_TOKENS)
              .where(REVOKED_ACCESS_TOKENS.EXPIRES_AT.lt(UserRepository.at(now)))
              .execute();
          c.dsl()
              .insertInto(REVOKED_ACCESS_TOKENS)
              .set(REVOKED_ACCESS_TOKENS.TOKEN_ID, tokenId)
              .set(REVOKED_ACCESS_TOKENS.USER_ID, userId)
              .set(REVOKED_ACCESS_TOKENS.EXPIRES_AT, UserRepository.at(expiresAt))
              .set(REVOKED_ACCESS_TOKENS.REVOKED_AT, UserRepository.at(now))
              .onConflictDoNothing()
              .execute();
        });
  }

  boolean isRevoked(String tokenId) {
    return tokenId != null
        && dsl.fetchExists(REVOKED_ACCESS_TOKENS, REVOKED_ACCESS_TOKENS.TOKEN_ID.eq(tokenId));
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt token) {
    return isRevoked(token.getId())
        ? OAuth2TokenValidatorResult.failure(REVOKED)
        : OAuth2TokenValidatorResult.success();
  }
}
