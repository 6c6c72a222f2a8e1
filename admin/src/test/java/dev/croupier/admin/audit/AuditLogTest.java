package dev.croupier.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.admin.staff.Role;
import dev.croupier.admin.staff.StaffMember;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit log on a real PostgreSQL with the real migrations: append-only by trigger, and a hash
 * chain that names the first row someone changed, removed or reordered behind the trigger's back.
 */
@ExtendWith(PostgresExtension.class)
class AuditLogTest {
  private static final StaffMember ANN =
      new StaffMember(UUID.randomUUID(), "ann@example.com", "Ann", Role.ADMIN);

  @Test
  void theTriggerRefusesUpdateDeleteAndTruncate() throws Exception {
    try (Connection c = connect(PostgresExtension.createDatabase())) {
      AuditLog log = new AuditLog(DSL.using(c, SQLDialect.POSTGRES), Clock.systemUTC());
      log.append(actor(), AuditLog.Event.of("flag.toggle", "flag:auto-spin", Outcome.OK));
      DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
      for (String sql :
          List.of(
              "update admin.audit_log set reason = 'later' where seq = 1",
              "delete from admin.audit_log where seq = 1",
              "truncate admin.audit_log")) {
        assertThatThrownBy(() -> dsl.execute(sql))
            .as(sql)
            .isInstanceOf(DataAccessException.class)
            .hasMessageContaining("append-only");
      }
      assertThat(log.verify().intact()).isTrue();
    }
  }

  @Test
  void aRowChangedPastTheTriggerIsFoundAndNamed() throws Exception {
    try (Connection c = connect(PostgresExtension.createDatabase())) {
      DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
      AuditLog log = new AuditLog(dsl, Clock.systemUTC());
      for (int i = 0; i < 6; i++) {
        log.append(
            actor(),
            new AuditLog.Event(
                "adjustment.request",
                "player:" + i,
                "goodwill " + i,
                null,
                "{\"amount\":" + i + "}",
                Outcome.OK));
      }
      AuditLog.Verification clean = log.verify();
      assertThat(clean.intact()).isTrue();
      assertThat(clean.rows()).isEqualTo(6);

      behindTheTrigger(
          dsl, "update admin.audit_log set after = '{\"amount\":1000000}' where seq = 4");
      AuditLog.Verification changed = log.verify();
      assertThat(changed.firstBroken()).hasValue(4L);
      assertThat(changed.problem()).contains("does not hash");
    }
  }

  @Test
  void aRemovedOrReorderedRowIsFound() throws Exception {
    try (Connection c = connect(PostgresExtension.createDatabase())) {
      DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
      AuditLog log = new AuditLog(dsl, Clock.systemUTC());
      for (int i = 0; i < 5; i++) {
        log.append(actor(), AuditLog.Event.of("player.view", "player:" + i, Outcome.OK));
      }
      behindTheTrigger(dsl, "delete from admin.audit_log where seq = 3");
      assertThat(log.verify().firstBroken()).as("a middle row removed").hasValue(3L);
    }
    try (Connection c = connect(PostgresExtension.createDatabase())) {
      DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
      AuditLog log = new AuditLog(dsl, Clock.systemUTC());
      for (int i = 0; i < 5; i++) {
        log.append(actor(), AuditLog.Event.of("player.view", "player:" + i, Outcome.OK));
      }
      behindTheTrigger(dsl, "delete from admin.audit_log where seq = 5");
      AuditLog.Verification v = log.verify();
      assertThat(v.firstBroken()).as("the last row removed").hasValue(5L);
      assertThat(v.problem()).contains("head");
    }
    try (Connection c = connect(PostgresExtension.createDatabase())) {
      DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
      AuditLog log = new AuditLog(dsl, Clock.systemUTC());
      for (int i = 0; i < 4; i++) {
        log.append(actor(), AuditLog.Event.of("player.view", "player:" + i, Outcome.OK));
      }
      // Rows 2 and 3 swap places: each keeps its own hash, so each no longer links to the row
      // before.
      behindTheTrigger(
          dsl,
          "update admin.audit_log set seq = seq + 1000 where seq in (2, 3);"
              + " update admin.audit_log set seq = 1005 - seq where seq in (1002, 1003)");
      assertThat(log.verify().firstBroken()).as("two rows reordered").hasValue(2L);
    }
  }

  @Test
  void concurrentAppendsMakeOneUnbrokenChain() throws Exception {
    PostgresDatabase db = PostgresExtension.createDatabase();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Long>> seqs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        Callable<Long> append =
            () -> {
              try (Connection c = connect(db)) {
                return new AuditLog(DSL.using(c, SQLDialect.POSTGRES), Clock.systemUTC())
                    .append(actor(), AuditLog.Event.of("player.view", "player:" + n, Outcome.OK));
              }
            };
        seqs.add(pool.submit(append));
      }
      List<Long> got = new ArrayList<>();
      for (Future<Long> f : seqs) {
        got.add(f.get());
      }
      assertThat(got).doesNotHaveDuplicates().hasSize(200);
      try (Connection c = connect(db)) {
        AuditLog.Verification v =
            new AuditLog(DSL.using(c, SQLDialect.POSTGRES), Clock.systemUTC()).verify();
        assertThat(v.intact()).isTrue();
        assertThat(v.rows()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theCanonicalFormIsTheDocumentedOne() {
    AuditRow row =
        new AuditRow(
            7,
            java.time.Instant.parse("2026-12-07T10:15:30.123456Z"),
            UUID.fromString("00000000-0000-0000-0000-000000000001"),
            "ann@example.com",
            "ADMIN",
            "flag.toggle",
            "flag:auto-spin",
            "launch é",
            "{\"enabled\":false}",
            "{\"enabled\":true}",
            "OK",
            "req-1",
            "127.0.0.1",
            null,
            AuditChain.GENESIS,
            null);
    assertThat(AuditChain.canonical(row))
        .isEqualTo(
            "1:7;27:2026-12-07T10:15:30.123456Z;36:00000000-0000-0000-0000-000000000001;"
                + "15:ann@example.com;5:ADMIN;11:flag.toggle;14:flag:auto-spin;9:launch é;"
                + "17:{\"enabled\":false};16:{\"enabled\":true};2:OK;5:req-1;9:127.0.0.1;~;");
    assertThat(java.util.HexFormat.of().formatHex(AuditChain.hash(AuditChain.GENESIS, row)))
        .as("computed apart with Python: sha256(bytes(32) + canonical.encode()).hexdigest()")
        .isEqualTo("e3a6255cffc3535b0fc2ceaf5a6a1e4b476d7894b53237dc8193432a46fe35ae");
  }

  private static void behindTheTrigger(DSLContext dsl, String sql) {
    // The table's owner can switch the trigger off: exactly the tampering the chain must show.
    dsl.execute("alter table admin.audit_log disable trigger audit_log_append_only");
    dsl.execute(sql);
    dsl.execute("alter table admin.audit_log enable trigger audit_log_append_only");
  }

  private static Actor actor() {
    return new Actor(ANN, "req-" + UUID.randomUUID(), "127.0.0.1", "test");
  }

  private static Connection connect(PostgresDatabase db) throws Exception {
    return DriverManager.getConnection(db.url(), db.user(), db.password());
  }
}
