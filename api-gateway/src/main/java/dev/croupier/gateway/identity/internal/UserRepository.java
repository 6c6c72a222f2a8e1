package dev.croupier.gateway.identity.internal;

import static dev.croupier.db.jooq.identity.Tables.USERS;

import dev.croupier.db.jooq.identity.tables.records.UsersRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Queries on {@code identity.users}; the caller passes the transaction's {@link DSLContext}. */
@Component
final class UserRepository {
  static final String ACTIVE = "ACTIVE";
  static final String DISABLED = "DISABLED";

  void insert(
      DSLContext tx,
      UUID userId,
      String email,
      String displayName,
      @Nullable String passwordHash,
      Instant now) {
    tx.insertInto(USERS)
        .set(USERS.USER_ID, userId)
        .set(USERS.EMAIL, email)
        .set(USERS.DISPLAY_NAME, displayName)
        .set(USERS.PASSWORD_HASH, passwordHash)
        .set(USERS.CREATED_AT, at(now))
        .set(USERS.UPDATED_AT, at(now))
        .execute();
  }

  Optional<UserRow> findByEmail(DSLContext tx, String email) {
    return tx.selectFrom(USERS).where(USERS.EMAIL.eq(email)).fetchOptional(UserRepository::map);
  }

  Optional<UserRow> findById(DSLContext tx, UUID userId) {
    return tx.selectFrom(USERS).where(USERS.USER_ID.eq(userId)).fetchOptional(UserRepository::map);
  }

  Optional<UserRow> lock(DSLContext tx, UUID userId) {
    return tx.selectFrom(USERS)
        .where(USERS.USER_ID.eq(userId))
        .forUpdate()
        .fetchOptional(UserRepository::map);
  }

  void markWalletReady(DSLContext tx, UUID userId, Instant now) {
    tx.update(USERS)
        .set(USERS.WALLET_READY_AT, at(now))
        .set(USERS.UPDATED_AT, at(now))
        .where(USERS.USER_ID.eq(userId).and(USERS.WALLET_READY_AT.isNull()))
        .execute();
  }

  /** Users whose welcome grant is still owed, oldest first. */
  List<UUID> walletPending(DSLContext tx, int limit) {
    return tx.select(USERS.USER_ID)
        .from(USERS)
        .where(USERS.WALLET_READY_AT.isNull())
        .orderBy(USERS.CREATED_AT)
        .limit(limit)
        .fetch(USERS.USER_ID);
  }

  void setStatus(DSLContext tx, UUID userId, String status, Instant now) {
    tx.update(USERS)
        .set(USERS.STATUS, status)
        .set(USERS.UPDATED_AT, at(now))
        .where(USERS.USER_ID.eq(userId))
        .execute();
  }

  private static UserRow map(UsersRecord r) {
    return new UserRow(
        r.getUserId(),
        r.getEmail(),
        r.getDisplayName(),
        Optional.ofNullable(r.getPasswordHash()),
        List.of(r.getRoles()),
        DISABLED.equals(r.getStatus()),
        Optional.ofNullable(r.getWalletReadyAt()).map(OffsetDateTime::toInstant),
        r.getCreatedAt().toInstant());
  }

  static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
