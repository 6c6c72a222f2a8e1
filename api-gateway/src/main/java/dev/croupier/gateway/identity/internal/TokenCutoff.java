package dev.croupier.gateway.identity.internal;

import static dev.croupier.db.jooq.identity.Tables.USERS;

import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Refuses the access token of a locked player, and any token issued at or before the player's
 * cut-off ({@code identity.users.tokens_valid_after}, set when staff lock the player or sign them
 * out), on every REST call and WebSocket upgrade, on every node: one primary-key lookup.
 */
@Component
final class TokenCutoff implements OAuth2TokenValidator<Jwt> {
  private static final OAuth2Error CUT_OFF =
      new OAuth2Error("invalid_token", "The player was signed out; sign in again.", null);
  private static final OAuth2Error LOCKED =
      new OAuth2Error("invalid_token", "The account is locked.", null);

  private final DSLContext dsl;

  TokenCutoff(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt token) {
    UUID user;
    try {
      user = UUID.fromString(token.getSubject());
    } catch (IllegalArgumentException | NullPointerException e) {
      return OAuth2TokenValidatorResult.success(); // the subject's own validator refuses it
    }
    Record2<String, java.time.OffsetDateTime> row =
        dsl.select(USERS.STATUS, USERS.TOKENS_VALID_AFTER)
            .from(USERS)
            .where(USERS.USER_ID.eq(user))
            .fetchOne();
    if (row == null) {
      return OAuth2TokenValidatorResult.success();
    }
    if (UserRepository.DISABLED.equals(row.value1())) {
      return OAuth2TokenValidatorResult.failure(LOCKED);
    }
    Instant issued = token.getIssuedAt();
    if (row.value2() != null && issued != null && !issued.isAfter(row.value2().toInstant())) {
      return OAuth2TokenValidatorResult.failure(CUT_OFF);
    }
    return OAuth2TokenValidatorResult.success();
  }
}
