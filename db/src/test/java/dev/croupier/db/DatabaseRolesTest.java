package dev.croupier.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each context's role reads and writes its own schema and is refused every other one by PostgreSQL
 * itself (SQLSTATE 42501), and no app role may change the schema.
 */
@ExtendWith(PostgresExtension.class)
class DatabaseRolesTest {
  private static final List<String> ROLES =
      List.of(
          "croupier_identity",
          "croupier_wallet",
          "croupier_game",
          "croupier_realtime",
          "croupier_admin");

  static List<Arguments> foreignReads() {
    return List.of(
        Arguments.of("croupier_identity", "wallet.entry"),
        Arguments.of("croupier_identity", "wallet.balance"),
        Arguments.of("croupier_identity", "game.rounds"),
        Arguments.of("croupier_wallet", "identity.users"),
        Arguments.of("croupier_wallet", "identity.refresh_tokens"),
        Arguments.of("croupier_wallet", "game.sessions"),
        Arguments.of("croupier_game", "wallet.entry"),
        Arguments.of("croupier_game", "identity.users"),
        Arguments.of("croupier_realtime", "wallet.entry"),
        Arguments.of("croupier_realtime", "identity.users"),
        Arguments.of("croupier_admin", "wallet.entry"),
        Arguments.of("croupier_admin", "identity.users"));
  }

  @ParameterizedTest(name = "{0} cannot read {1}")
  @MethodSource("foreignReads")
  void aContextRoleCannotReadAnotherContextsTables(String role, String table, PostgresDatabase db)
      throws Exception {
    SQLException e =
        catchThrowableOfType(
            SQLException.class, () -> run(db.as(role), "select count(*) from " + table));
    assertThat((Throwable) e).as("%s reading %s", role, table).isNotNull();
    assertThat(e.getSQLState()).isEqualTo("42501");
  }

  @Test
  void eachRoleReadsItsOwnSchema(PostgresDatabase db) throws Exception {
    run(db.as("croupier_identity"), "select count(*) from identity.users");
    run(db.as("croupier_wallet"), "select count(*) from wallet.entry");
    run(db.as("croupier_game"), "select count(*) from game.rounds");
    run(db.as("croupier_realtime"), "select count(*) from realtime.leaderboard_scores");
    run(db.as("croupier_realtime"), "select count(*) from realtime.revenue_hourly");
    run(db.as("croupier_admin"), "select count(*) from admin.staff");
    run(db.as("croupier_admin"), "select count(*) from admin.audit_log");
  }

  @Test
  void theAdminRoleAppendsToTheAuditLogButMayNotChangeARow(PostgresDatabase db) throws Exception {
    for (String sql :
        List.of(
            "update admin.audit_log set reason = 'x'",
            "delete from admin.audit_log",
            "truncate admin.audit_log",
            "alter table admin.audit_log disable trigger audit_log_append_only")) {
      SQLException e =
          catchThrowableOfType(SQLException.class, () -> run(db.as("croupier_admin"), sql));
      assertThat((Throwable) e).as(sql).isNotNull();
      assertThat(e.getSQLState()).as(sql).isEqualTo("42501");
    }
  }

  @Test
  void noAppRoleMayChangeTheSchema(PostgresDatabase db) {
    for (String role : ROLES) {
      String schema = role.substring("croupier_".length());
      SQLException e =
          catchThrowableOfType(
              SQLException.class,
              () -> run(db.as(role), "create table " + schema + ".intruder (x int)"));
      assertThat((Throwable) e).as(role).isNotNull();
      assertThat(e.getSQLState()).isEqualTo("42501");
    }
  }

  private static void run(PostgresDatabase db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
