package dev.croupier.gamestore.projection;

import static dev.croupier.db.jooq.game.Tables.ROUNDS;
import static dev.croupier.db.jooq.game.Tables.SESSIONS;

import dev.croupier.workflows.session.RoundRecord;
import dev.croupier.workflows.session.SessionClosed;
import dev.croupier.workflows.session.SessionRecord;
import dev.croupier.workflows.session.SessionStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** The projection's SQL. Every statement is an upsert that a repeat leaves unchanged. */
final class ProjectionRepository {

  void insertSession(DSLContext dsl, SessionRecord s) {
    dsl.insertInto(SESSIONS)
        .set(SESSIONS.SESSION_ID, s.sessionId())
        .set(SESSIONS.USER_ID, s.userId())
        .set(SESSIONS.GAME_ID, s.game().gameId())
        .set(SESSIONS.GAME_VERSION, s.game().version())
        .set(SESSIONS.CURRENCY, s.currency())
        .set(SESSIONS.STATUS, SessionStatus.OPEN.name())
        .set(SESSIONS.COMMITMENT, s.commitment())
        .set(SESSIONS.CLIENT_SEED, s.clientSeed())
        .set(SESSIONS.OPENED_AT, time(s.openedAtMillis()))
        .set(SESSIONS.GAME_CONTENT_HASH, s.gameContentHash())
        // A second write comes from a workflow task that ran again after its worker died: its
        // local activities ran again too and drew new seeds, and only that attempt reached the
        // history and the player. Its seeds replace the lost attempt's, until a round is played.
        .onConflict(SESSIONS.SESSION_ID)
        .doUpdate()
        .set(SESSIONS.COMMITMENT, DSL.excluded(SESSIONS.COMMITMENT))
        .set(SESSIONS.CLIENT_SEED, DSL.excluded(SESSIONS.CLIENT_SEED))
        .set(SESSIONS.OPENED_AT, DSL.excluded(SESSIONS.OPENED_AT))
        .where(SESSIONS.ROUNDS_PLAYED.eq(0L).and(SESSIONS.STATUS.eq(SessionStatus.OPEN.name())))
        .execute();
  }

  /** Inserts the round and, only if it was new, adds it to the session's totals. */
  boolean insertRound(DSLContext dsl, RoundRecord r, String outcomeJson) {
    int inserted =
        dsl.insertInto(ROUNDS)
            .set(ROUNDS.SESSION_ID, r.sessionId())
            .set(ROUNDS.ROUND, r.round())
            .set(ROUNDS.USER_ID, r.userId())
            .set(ROUNDS.REQUEST_ID, r.requestId())
            .set(ROUNDS.STAKE, r.stake())
            .set(ROUNDS.CURRENCY, r.currency())
            .set(ROUNDS.OUTCOME, JSONB.valueOf(outcomeJson))
            .set(ROUNDS.TOTAL_WIN, r.totalWin())
            .set(ROUNDS.JACKPOT_CONTRIBUTION, r.jackpotContribution())
            .set(ROUNDS.JACKPOT_HIT, r.jackpotHit())
            .set(ROUNDS.NONCE, r.nonce())
            .set(ROUNDS.CLIENT_SEED, r.clientSeed())
            .set(ROUNDS.LEDGER_KEY, r.ledgerKey())
            .set(ROUNDS.LEDGER_TRANSACTION_ID, r.ledgerTransactionId())
            .set(ROUNDS.BALANCE_AFTER, r.balanceAfter())
            .set(ROUNDS.PLAYED_AT, time(r.playedAtMillis()))
            .set(ROUNDS.JACKPOT_WIN, r.jackpotWin())
            .set(
                ROUNDS.JACKPOT_TRANSACTION_ID,
                r.jackpotTransactionId() == 0 ? null : r.jackpotTransactionId())
            .onConflictDoNothing()
            .execute();
    if (inserted == 1) {
      dsl.update(SESSIONS)
          .set(SESSIONS.ROUNDS_PLAYED, SESSIONS.ROUNDS_PLAYED.plus(1))
          .set(SESSIONS.TOTAL_STAKED, SESSIONS.TOTAL_STAKED.plus(r.stake()))
          .set(SESSIONS.TOTAL_WON, SESSIONS.TOTAL_WON.plus(r.totalWin()))
          .where(SESSIONS.SESSION_ID.eq(r.sessionId()))
          .execute();
    }
    return inserted == 1;
  }

  void closeSession(DSLContext dsl, SessionClosed c) {
    dsl.update(SESSIONS)
        .set(SESSIONS.STATUS, c.status().name())
        .set(SESSIONS.REVEALED_SERVER_SEED, c.revealedServerSeed())
        .set(SESSIONS.CLOSED_AT, time(c.closedAtMillis()))
        .where(SESSIONS.SESSION_ID.eq(c.sessionId()))
        .and(SESSIONS.STATUS.eq(SessionStatus.OPEN.name()))
        .execute();
  }

  private static OffsetDateTime time(long millis) {
    return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
  }

  /** Open sessions by {@code gameId@version}, from the partial index of open sessions. */
  java.util.Map<String, Long> openSessionsByGame(DSLContext ctx) {
    java.util.Map<String, Long> out = new java.util.TreeMap<>();
    ctx.select(SESSIONS.GAME_ID, SESSIONS.GAME_VERSION, org.jooq.impl.DSL.count())
        .from(SESSIONS)
        .where(SESSIONS.STATUS.eq(SessionStatus.OPEN.name()))
        .groupBy(SESSIONS.GAME_ID, SESSIONS.GAME_VERSION)
        .fetch()
        .forEach(r -> out.put(r.value1() + "@" + r.value2(), r.value3().longValue()));
    return out;
  }
}
