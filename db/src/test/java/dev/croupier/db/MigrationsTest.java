package dev.croupier.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class MigrationsTest {

  @Test
  void migrationsCreateOneSchemaPerContext(PostgresDatabase db) throws Exception {
    assertThat(
            query(
                db,
                "select schema_name from information_schema.schemata"
                    + " where schema_name in ('identity','wallet','game','realtime','admin')"
                    + " order by 1"))
        .containsExactly("admin", "game", "identity", "realtime", "wallet");
  }

  @Test
  void everyTableLivesInTheSchemaOfTheContextThatOwnsIt(PostgresDatabase db) throws Exception {
    assertThat(
            query(
                db,
                "select table_schema || '.' || table_name from information_schema.tables"
                    + " where table_name like 'leaderboard%' order by 1"))
        .containsExactly(
            "realtime.leaderboard_counted_entries",
            "realtime.leaderboard_offsets",
            "realtime.leaderboard_scores");
    assertThat(
            query(
                db,
                "select table_name from information_schema.tables where table_schema = 'game'"
                    + " order by 1"))
        .containsExactly("rounds", "sessions", "table_event_outbox");
  }

  @Test
  void everyMigrationIsRecordedAsSuccessfulInTheSchemaVersionTable(PostgresDatabase db)
      throws Exception {
    List<String> failed = query(db, "select version from flyway_schema_history where not success");
    List<String> applied =
        query(db, "select version from flyway_schema_history order by installed_rank");
    assertThat(failed).isEmpty();
    assertThat(applied).startsWith("1");
  }

  private static List<String> query(PostgresDatabase db, String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }
}
