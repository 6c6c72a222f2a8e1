package dev.croupier.gateway.identity.internal;

import static dev.croupier.db.jooq.identity.Tables.EXTERNAL_IDENTITIES;
import static dev.croupier.db.jooq.identity.Tables.LOGIN_EVENTS;
import static dev.croupier.db.jooq.identity.Tables.REFRESH_TOKENS;
import static dev.croupier.db.jooq.identity.Tables.STAFF_ACTIONS;
import static dev.croupier.db.jooq.identity.Tables.USERS;

import dev.croupier.db.jooq.identity.tables.records.UsersRecord;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.identity.StaffPlayers;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * {@link StaffPlayers} over schema {@code identity}. Search uses the trigram indexes on email and
 * display name (V18) and pages by (created_at, user_id), newest first.
 */
@Component
final class StaffPlayerDirectory implements StaffPlayers {
  private static final int MIN_QUERY = 3;
  private static final int MAX_QUERY = 254;

  private final DSLContext dsl;
  private final Clock clock;

  StaffPlayerDirectory(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  @Override
  public Page search(String query, int size, Optional<Cursor> after) {
    String q = query == null ? "" : query.strip();
    if (size < 1 || size > 50) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "page_size: 1 to 50");
    }
    Condition match;
    Optional<UUID> id = uuid(q);
    if (id.isPresent()) {
      match = USERS.USER_ID.eq(id.get());
    } else if (q.length() < MIN_QUERY || q.length() > MAX_QUERY) {
      throw new CroupierException(
          ErrorCode.VALIDATION_FAILED,
          "query: a user id, or 3 to 254 characters of an email or name");
    } else {
      String pattern = "%" + escapeLike(q) + "%";
      match =
          USERS
              .EMAIL
              .likeIgnoreCase(pattern, '\\')
              .or(USERS.DISPLAY_NAME.likeIgnoreCase(pattern, '\\'));
    }
    Condition page =
        after
            .map(
                c ->
                    DSL.row(USERS.CREATED_AT, USERS.USER_ID)
                        .lt(UserRepository.at(c.createdAt()), c.userId()))
            .orElse(DSL.trueCondition());
    List<UsersRecord> rows =
        dsl.selectFrom(USERS)
            .where(match, page)
            .orderBy(USERS.CREATED_AT.desc(), USERS.USER_ID.desc())
            .limit(size + 1)
            .fetch();
    List<Player> players = players(rows.subList(0, Math.min(size, rows.size())));
    Optional<Cursor> next =
        rows.size() > size
            ? Optional.of(
                new Cursor(
                    rows.get(size - 1).getCreatedAt().toInstant(), rows.get(size - 1).getUserId()))
            : Optional.empty();
    return new Page(players, next);
  }

  @Override
  public Optional<Player> find(UUID userId) {
    return dsl.selectFrom(USERS)
        .where(USERS.USER_ID.eq(userId))
        .fetchOptional()
        .map(r -> players(List.of(r)).get(0));
  }

  @Override
  public List<LoginEvent> logins(UUID userId, int limit) {
    if (limit < 1 || limit > 100) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "limit: 1 to 100");
    }
    requireExists(dsl, userId);
    return dsl.selectFrom(LOGIN_EVENTS)
        .where(LOGIN_EVENTS.USER_ID.eq(userId))
        .orderBy(LOGIN_EVENTS.OCCURRED_AT.desc(), LOGIN_EVENTS.EVENT_ID.desc())
        .limit(limit)
        .fetch(
            r ->
                new LoginEvent(
                    r.getOccurredAt().toInstant(), r.getIp(), r.getMethod(), r.getOutcome()));
  }

  @Override
  public Player lock(UUID userId, boolean locked, StaffRequest by) {
    String reason = reason(by);
    dsl.transaction(
        c -> {
          DSLContext tx = c.dsl();
          requireExists(tx, userId);
          Instant now = clock.instant();
          if (locked) {
            tx.update(USERS)
                .set(USERS.STATUS, UserRepository.DISABLED)
                .set(USERS.TOKENS_VALID_AFTER, cutoff(now))
                .set(USERS.UPDATED_AT, UserRepository.at(now))
                .where(USERS.USER_ID.eq(userId))
                .execute();
            revokeRefreshTokens(
                tx, userId, RefreshTokenRepository.RevokeReason.ACCOUNT_DISABLED, now);
          } else {
            tx.update(USERS)
                .set(USERS.STATUS, UserRepository.ACTIVE)
                .set(USERS.UPDATED_AT, UserRepository.at(now))
                .where(USERS.USER_ID.eq(userId))
                .execute();
          }
          record(tx, userId, locked ? "LOCK" : "UNLOCK", by, reason, now);
        });
    return find(userId).orElseThrow();
  }

  @Override
  public int signOut(UUID userId, StaffRequest by) {
    String reason = reason(by);
    return dsl.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          requireExists(tx, userId);
          Instant now = clock.instant();
          tx.update(USERS)
              .set(USERS.TOKENS_VALID_AFTER, cutoff(now))
              .set(USERS.UPDATED_AT, UserRepository.at(now))
              .where(USERS.USER_ID.eq(userId))
              .execute();
          int revoked =
              revokeRefreshTokens(
                  tx, userId, RefreshTokenRepository.RevokeReason.STAFF_SIGN_OUT, now);
          record(tx, userId, "SIGN_OUT", by, reason, now);
          return revoked;
        });
  }

  private List<Player> players(List<UsersRecord> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    List<UUID> ids = rows.stream().map(UsersRecord::getUserId).toList();
    Map<UUID, OffsetDateTime> lastSignIn =
        dsl.select(LOGIN_EVENTS.USER_ID, DSL.max(LOGIN_EVENTS.OCCURRED_AT))
            .from(LOGIN_EVENTS)
            .where(LOGIN_EVENTS.USER_ID.in(ids), LOGIN_EVENTS.OUTCOME.eq("SUCCESS"))
            .groupBy(LOGIN_EVENTS.USER_ID)
            .fetchMap(LOGIN_EVENTS.USER_ID, DSL.max(LOGIN_EVENTS.OCCURRED_AT));
    Map<UUID, List<String>> providers =
        dsl.select(EXTERNAL_IDENTITIES.USER_ID, EXTERNAL_IDENTITIES.PROVIDER)
            .from(EXTERNAL_IDENTITIES)
            .where(EXTERNAL_IDENTITIES.USER_ID.in(ids))
            .fetchGroups(EXTERNAL_IDENTITIES.USER_ID, EXTERNAL_IDENTITIES.PROVIDER);
    List<Player> out = new ArrayList<>(rows.size());
    for (UsersRecord r : rows) {
      out.add(
          new Player(
              r.getUserId(),
              r.getEmail(),
              r.getDisplayName(),
              UserRepository.DISABLED.equals(r.getStatus()),
              r.getRoles() == null ? List.of() : Arrays.asList(r.getRoles()),
              r.getCreatedAt().toInstant(),
              r.getWalletReadyAt() != null,
              Optional.ofNullable(lastSignIn.get(r.getUserId())).map(OffsetDateTime::toInstant),
              providers.getOrDefault(r.getUserId(), List.of())));
    }
    return out;
  }

  private static int revokeRefreshTokens(
      DSLContext tx, UUID userId, RefreshTokenRepository.RevokeReason reason, Instant now) {
    return tx.update(REFRESH_TOKENS)
        .set(REFRESH_TOKENS.REVOKED_AT, UserRepository.at(now))
        .set(REFRESH_TOKENS.REVOKE_REASON, reason.name())
        .where(REFRESH_TOKENS.USER_ID.eq(userId), REFRESH_TOKENS.REVOKED_AT.isNull())
        .execute();
  }

  private static void record(
      DSLContext tx, UUID userId, String action, StaffRequest by, String reason, Instant now) {
    tx.insertInto(STAFF_ACTIONS)
        .set(STAFF_ACTIONS.USER_ID, userId)
        .set(STAFF_ACTIONS.ACTION, action)
        .set(STAFF_ACTIONS.STAFF_ID, by.staffId())
        .set(STAFF_ACTIONS.REQUEST_ID, by.requestId())
        .set(STAFF_ACTIONS.REASON, reason)
        .set(STAFF_ACTIONS.AT, UserRepository.at(now))
        .execute();
  }

  private static void requireExists(DSLContext tx, UUID userId) {
    if (!tx.fetchExists(USERS, USERS.USER_ID.eq(userId))) {
      throw new CroupierException(ErrorCode.UNKNOWN_PLAYER, "no player " + userId);
    }
  }

  /**
   * Access tokens carry their issue time in whole seconds: the cut-off is the start of this second,
   * and a token issued at or before it is refused.
   */
  private static OffsetDateTime cutoff(Instant now) {
    return UserRepository.at(now.truncatedTo(ChronoUnit.SECONDS));
  }

  private static String reason(StaffRequest by) {
    String r = by.reason() == null ? "" : by.reason().strip();
    if (r.length() < 5 || r.length() > 1000) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "reason: 5 to 1000 characters");
    }
    if (by.requestId() == null || by.requestId().isBlank() || by.requestId().length() > 128) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "request_id: 1 to 128 characters");
    }
    return r;
  }

  private static Optional<UUID> uuid(String s) {
    if (s.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
