package dev.croupier.activities.projection;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The projection's upserts on the migrated game schema. */
@ExtendWith(PostgresExtension.class)
class SessionProjectionActivitiesImplTest {
  private static final String SEED = "ab".repeat(32);
  private static final String COMMITMENT = "cd".repeat(32);

  @Test
  void repeatedWritesChangeNothingAndTotalsCountEachRoundOnce(PostgresDatabase db)
      throws Exception {
    try (var ds = db.dataSource(2)) {
      var projection = new SessionProjectionActivitiesImpl(DSL.using(ds, SQLDialect.POSTGRES));
      UUID session = UUID.randomUUID();
      UUID user = UUID.randomUUID();
      SessionRecord opened =
          new SessionRecord(
              session, user, new GameRef("slot-classic", "1.0.0"), "COIN", COMMITMENT, "c", 1_000);
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
                  "select status, revealed_server_seed, rounds_played, total_staked, total_won"
                      + " from game.sessions where session_id = '"
                      + session
                      + "'"))
          .isEqualTo("CLOSED_IDLE|" + SEED + "|2|1000|1500");
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
