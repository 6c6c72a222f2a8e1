package dev.croupier.gamestore.recall;

import static dev.croupier.db.jooq.game.Tables.ROUNDS;
import static dev.croupier.db.jooq.game.Tables.SESSIONS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;

/**
 * Reads rounds with their session from the projection, for game recall: one round by its session
 * and number, or a player's last rounds.
 */
public final class RoundRecords {
  private final DSLContext dsl;

  public RoundRecords(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** A round and its session as the projection holds them. */
  public record Row(
      UUID sessionId,
      long round,
      UUID userId,
      String gameId,
      String gameVersion,
      String status,
      String commitment,
      String revealedServerSeed,
      String requestId,
      long stake,
      String currency,
      String outcomeJson,
      long totalWin,
      long contribution,
      boolean jackpotHit,
      long nonce,
      String clientSeed,
      String ledgerKey,
      long ledgerTransactionId,
      long balanceAfter,
      OffsetDateTime playedAt,
      String gameContentHash) {}

  /** The round {@code round} of a session, if the projection has it. */
  public Optional<Row> round(UUID sessionId, long round) {
    return select(dsl)
        .where(ROUNDS.SESSION_ID.eq(sessionId))
        .and(ROUNDS.ROUND.eq(round))
        .fetchOptional(RoundRecords::row);
  }

  /** Every round of a session in order, as the projection holds them. */
  public List<Row> sessionRounds(UUID sessionId) {
    return select(dsl)
        .where(ROUNDS.SESSION_ID.eq(sessionId))
        .orderBy(ROUNDS.ROUND.asc())
        .fetch(RoundRecords::row);
  }

  /** A player's last rounds, newest first; served by the index on (user_id, played_at desc). */
  public List<Row> lastRounds(UUID userId, int limit) {
    return select(dsl)
        .where(ROUNDS.USER_ID.eq(userId))
        .orderBy(ROUNDS.PLAYED_AT.desc(), ROUNDS.SESSION_ID.desc(), ROUNDS.ROUND.desc())
        .limit(limit)
        .fetch(RoundRecords::row);
  }

  private static SelectOnConditionStep<Record> select(DSLContext dsl) {
    return dsl.select(ROUNDS.fields())
        .select(
            SESSIONS.GAME_ID,
            SESSIONS.GAME_VERSION,
            SESSIONS.STATUS,
            SESSIONS.COMMITMENT,
            SESSIONS.REVEALED_SERVER_SEED,
            SESSIONS.GAME_CONTENT_HASH)
        .from(ROUNDS)
        .join(SESSIONS)
        .on(SESSIONS.SESSION_ID.eq(ROUNDS.SESSION_ID));
  }

  private static Row row(Record r) {
    return new Row(
        r.get(ROUNDS.SESSION_ID),
        r.get(ROUNDS.ROUND),
        r.get(ROUNDS.USER_ID),
        r.get(SESSIONS.GAME_ID),
        r.get(SESSIONS.GAME_VERSION),
        r.get(SESSIONS.STATUS),
        r.get(SESSIONS.COMMITMENT),
        r.get(SESSIONS.REVEALED_SERVER_SEED),
        r.get(ROUNDS.REQUEST_ID),
        r.get(ROUNDS.STAKE),
        r.get(ROUNDS.CURRENCY),
        r.get(ROUNDS.OUTCOME).data(),
        r.get(ROUNDS.TOTAL_WIN),
        r.get(ROUNDS.JACKPOT_CONTRIBUTION),
        r.get(ROUNDS.JACKPOT_HIT),
        r.get(ROUNDS.NONCE),
        r.get(ROUNDS.CLIENT_SEED),
        r.get(ROUNDS.LEDGER_KEY),
        r.get(ROUNDS.LEDGER_TRANSACTION_ID),
        r.get(ROUNDS.BALANCE_AFTER),
        r.get(ROUNDS.PLAYED_AT),
        r.get(SESSIONS.GAME_CONTENT_HASH));
  }
}
