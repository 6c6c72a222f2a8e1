package dev.croupier.gamestore.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.games.api.GameRef;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.workflows.session.RoundRecord;
import dev.croupier.workflows.session.SessionClosed;
import dev.croupier.workflows.session.SessionRecord;
import dev.croupier.workflows.session.SessionStatus;
import dev.croupier.workflows.session.SessionTotals;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The projection's upserts on the migrated game schema. */
@ExtendWith(PostgresExtension.class)
class SessionProjectionTest {
  private static final String SEED = "ab".repeat(32);
  private static final String COMMITMENT = "cd".repeat(32);
  private static final String CONTENT_HASH = "ab".repeat(32);

  @Test
  void repeatedWritesChangeNothingAndTotalsCountEachRoundOnce(PostgresDatabase db)
      throws Exception {
    try (var ds = db.dataSource(2)) {
      var projection = new SessionProjection(DSL.using(ds, SQLDialect.POSTGRES));
      UUID session = UUID.randomUUID();
      UUID user = UUID.randomUUID();
      SessionRecord opened =
          new SessionRecord(
              session,
              user,
              new GameRef("slot-classic", "1.0.0"),
              "COIN",
              COMMITMENT,
              "c",
              1_000,
              CONTENT_HASH);
      RoundRecord round =
          new RoundRecord(
              session,
              user,
              1,
              "req-1",
              500,
              "COIN",
              Map.of("totalWin", 1_500L, "spins", List.of(Map.of("stops", List.of(1, 2, 3)))),
              1_500,
              5,
              false,
              1,
              "c",
              "session-" + session + "/round-1",
              42,
              2_000,
              2_000,
              0,
              0);
      RoundRecord jackpotRound =
          new RoundRecord(
              session,
              user,
              2,
              "req-2",
              500,
              "COIN",
              Map.of("totalWin", 0L, "jackpotHit", true),
              0,
              5,
              true,
              2,
              "c",
              "session-" + session + "/round-2",
              43,
              1_500,
              2_500,
              250_005,
              44);

      projection.openSession(opened);
      projection.openSession(opened);
      projection.recordRound(round);
      projection.recordRound(round);
      projection.recordRound(jackpotRound);
      projection.recordRound(jackpotRound);
      SessionClosed closed =
          new SessionClosed(
              session, SessionStatus.CLOSED_IDLE, SEED, 3_000, new SessionTotals(2, 1_000, 1_500));
      projection.closeSession(closed);
      projection.closeSession(closed);

      assertThat(
              row(
                  db,
                  "select status, revealed_server_seed, rounds_played, total_staked, total_won,"
                      + " game_content_hash from game.sessions where session_id = '"
                      + session
                      + "'"))
          .isEqualTo("CLOSED_IDLE|" + SEED + "|2|1000|1500|" + CONTENT_HASH);
      assertThat(
              row(
                  db,
                  "select count(*), max(outcome->>'totalWin'), max(ledger_transaction_id)"
                      + " from game.rounds where session_id = '"
                      + session
                      + "' and round = 1"))
          .isEqualTo("1|1500|42");
      assertThat(
              row(
                  db,
                  "select string_agg(round || ':' || jackpot_win || ':' ||"
                      + " coalesce(jackpot_transaction_id::text, '-'), ',' order by round)"
                      + " from game.rounds where session_id = '"
                      + session
                      + "'"))
          .isEqualTo("1:0:-,2:250005:44");
    }
  }

  /**
   * A worker that dies after its open wrote the row but before its workflow task completed leaves
   * seeds no one will use: the task runs again, draws new seeds, and only those reach the history
   * and the player. Recall checks rounds against the row's commitment, so the row takes the new
   * seeds; once a round is played the seeds are fixed and a late write changes nothing.
   */
  @Test
  void aReopenBeforeTheFirstRoundTakesTheSeedsThatReachedTheHistory(PostgresDatabase db)
      throws Exception {
    try (var ds = db.dataSource(2)) {
      var projection = new SessionProjection(DSL.using(ds, SQLDialect.POSTGRES));
      UUID session = UUID.randomUUID();
      UUID user = UUID.randomUUID();
      GameRef game = new GameRef("slot-classic", "1.0.0");
      String lost = "11".repeat(32);
      String kept = "22".repeat(32);
      String late = "33".repeat(32);
      projection.openSession(
          new SessionRecord(session, user, game, "COIN", lost, "lost", 1_000, CONTENT_HASH));
      projection.openSession(
          new SessionRecord(session, user, game, "COIN", kept, "c", 2_000, CONTENT_HASH));
      String select =
          "select commitment, client_seed, extract(epoch from opened_at)::bigint * 1000"
              + " from game.sessions where session_id = '"
              + session
              + "'";
      assertThat(row(db, select)).isEqualTo(kept + "|c|2000");

      projection.recordRound(round(session, user, 1));
      projection.openSession(
          new SessionRecord(session, user, game, "COIN", late, "late", 3_000, CONTENT_HASH));
      assertThat(row(db, select)).isEqualTo(kept + "|c|2000");
    }
  }

  @Test
  void concurrentRoundsShareCommitsAndABadRoundFailsOnlyItsOwnCall(PostgresDatabase db)
      throws Exception {
    try (var ds = db.dataSource(4)) {
      var projection = new SessionProjection(DSL.using(ds, SQLDialect.POSTGRES));
      int sessions = 40;
      int roundsEach = 5;
      List<UUID> ids = new ArrayList<>();
      UUID user = UUID.randomUUID();
      for (int i = 0; i < sessions; i++) {
        UUID id = UUID.randomUUID();
        ids.add(id);
        projection.openSession(
            new SessionRecord(
                id,
                user,
                new GameRef("slot-classic", "1.0.0"),
                "COIN",
                COMMITMENT,
                "c",
                1_000,
                null));
      }
      UUID unknownSession = UUID.randomUUID();
      List<String> failures = new CopyOnWriteArrayList<>();
      CyclicBarrier together = new CyclicBarrier(sessions + 1);
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (UUID id : ids) {
          // Each session plays its rounds in order, like a workflow; the sessions race each other.
          pool.submit(
              () -> {
                together.await();
                for (int n = 1; n <= roundsEach; n++) {
                  projection.recordRound(round(id, user, n));
                }
                return null;
              });
        }
        pool.submit(
            () -> {
              together.await();
              try {
                // No such session: the foreign key refuses the round, in whatever batch it lands.
                projection.recordRound(round(unknownSession, user, 1));
              } catch (RuntimeException e) {
                failures.add(e.getClass().getSimpleName());
              }
              return null;
            });
      }

      assertThat(failures).hasSize(1);
      String mine = " where user_id = '" + user + "'";
      assertThat(row(db, "select count(*), count(distinct session_id) from game.rounds" + mine))
          .isEqualTo((sessions * roundsEach) + "|" + sessions);
      assertThat(
              row(
                  db,
                  "select count(*) from game.sessions"
                      + mine
                      + " and (rounds_played <> "
                      + roundsEach
                      + " or total_staked <> "
                      + (roundsEach * 100)
                      + ")"))
          .isEqualTo("0");
      assertThat(
              row(
                  db,
                  "select count(*) from game.rounds where session_id = '" + unknownSession + "'"))
          .isEqualTo("0");
    }
  }

  private static RoundRecord round(UUID session, UUID user, long n) {
    return new RoundRecord(
        session,
        user,
        n,
        "req-" + n,
        100,
        "COIN",
        Map.of("totalWin", 0L),
        0,
        1,
        false,
        n,
        "c",
        "session-" + session + "/round-" + n,
        n,
        1_000 - 100 * n,
        n,
        0,
        0);
  }

  private static String row(PostgresDatabase db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        b.append(i > 1 ? "|" : "").append(rs.getString(i));
      }
      return b.toString();
    }
  }
}
