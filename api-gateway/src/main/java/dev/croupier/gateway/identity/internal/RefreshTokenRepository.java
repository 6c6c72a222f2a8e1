package dev.croupier.gateway.identity.internal;

import static dev.croupier.db.jooq.identity.Tables.REFRESH_TOKENS;

import dev.croupier.db.jooq.identity.tables.records.RefreshTokensRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Hashed refresh tokens and their families. */
@Component
final class RefreshTokenRepository {
  enum RevokeReason {
    LOGOUT,
    REUSE_DETECTED,
    ACCOUNT_DISABLED,
    /** Staff signed the player out everywhere. */
    STAFF_SIGN_OUT
  }

  record Row(
      UUID tokenId,
      UUID familyId,
      UUID userId,
      String deviceId,
      Instant expiresAt,
      Optional<Instant> usedAt,
      Optional<Instant> revokedAt) {}

  void insert(
      DSLContext tx,
      UUID tokenId,
      byte[] hash,
      UUID familyId,
      @Nullable UUID parentId,
      UUID userId,
      String deviceId,
      Instant issuedAt,
      Instant expiresAt) {
    tx.insertInto(REFRESH_TOKENS)
        .set(REFRESH_TOKENS.TOKEN_ID, tokenId)
        .set(REFRESH_TOKENS.TOKEN_HASH, hash)
        .set(REFRESH_TOKENS.FAMILY_ID, familyId)
        .set(REFRESH_TOKENS.PARENT_ID, parentId)
        .set(REFRESH_TOKENS.USER_ID, userId)
        .set(REFRESH_TOKENS.DEVICE_ID, deviceId)
        .set(REFRESH_TOKENS.ISSUED_AT, UserRepository.at(issuedAt))
        .set(REFRESH_TOKENS.EXPIRES_AT, UserRepository.at(expiresAt))
        .execute();
  }

  /** The token with this hash, row-locked until the transaction ends. */
  Optional<Row> lockByHash(DSLContext tx, byte[] hash) {
    return tx.selectFrom(REFRESH_TOKENS)
        .where(REFRESH_TOKENS.TOKEN_HASH.eq(hash))
        .forUpdate()
        .fetchOptional(RefreshTokenRepository::map);
  }

  void markUsed(DSLContext tx, UUID tokenId, Instant now) {
    tx.update(REFRESH_TOKENS)
        .set(REFRESH_TOKENS.USED_AT, UserRepository.at(now))
        .where(REFRESH_TOKENS.TOKEN_ID.eq(tokenId))
        .execute();
  }

  /** Revokes every live token of the family; returns how many were live. */
  int revokeFamily(DSLContext tx, UUID familyId, RevokeReason reason, Instant now) {
    return tx.update(REFRESH_TOKENS)
        .set(REFRESH_TOKENS.REVOKED_AT, UserRepository.at(now))
        .set(REFRESH_TOKENS.REVOKE_REASON, reason.name())
        .where(REFRESH_TOKENS.FAMILY_ID.eq(familyId))
        .and(REFRESH_TOKENS.REVOKED_AT.isNull())
        .execute();
  }

  private static Row map(RefreshTokensRecord r) {
    return new Row(
        r.getTokenId(),
        r.getFamilyId(),
        r.getUserId(),
        r.getDeviceId(),
        r.getExpiresAt().toInstant(),
        Optional.ofNullable(r.getUsedAt()).map(OffsetDateTime::toInstant),
        Optional.ofNullable(r.getRevokedAt()).map(OffsetDateTime::toInstant));
  }
}
