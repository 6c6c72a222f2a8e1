package dev.croupier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin jar's commands: the one-time bootstrap of the first ADMIN, and the audit check. */
@ExtendWith(PostgresExtension.class)
class CommandsTest {

  @Test
  void theFirstAdminIsBootstrappedOnceAndTheEnrolmentIsPrinted(PostgresDatabase db)
      throws Exception {
    String key = TestAdmin.randomKey();
    Run first =
        run(
            db,
            key,
            "correct horse battery staple\ncorrect horse battery staple\n",
            "bootstrap-admin",
            "--email=Root@Example.com",
            "--name=Root");
    assertThat(first.status()).as(first.out()).isZero();
    assertThat(first.out())
        .contains("The first ADMIN is root@example.com")
        .containsPattern("otpauth://totp/Croupier:root%40example.com\\?secret=[A-Z2-7]{32}")
        .contains("█");
    assertThat(first.out().lines().filter(l -> l.matches("  [a-z2-7]{4}(-[a-z2-7]{4}){3}")).count())
        .isEqualTo(10);
    assertThat(first.out()).doesNotContain("correct horse");

    Run again =
        run(
            db,
            key,
            "another good password\nanother good password\n",
            "bootstrap-admin",
            "--email=other@example.com",
            "--name=Other");
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.out()).contains("ALREADY_BOOTSTRAPPED");

    Run mismatch =
        run(
            PostgresExtension.createDatabase(),
            key,
            "one good password!!\nanother password!!\n",
            "bootstrap-admin",
            "--email=x@example.com",
            "--name=X");
    assertThat(mismatch.status()).isEqualTo(1);
    assertThat(mismatch.out()).contains("the two passwords differ");
  }

  @Test
  void verifyAuditExitsNonZeroAndNamesTheRowWhenTheChainIsBroken(PostgresDatabase db)
      throws Exception {
    String key = TestAdmin.randomKey();
    run(
        db,
        key,
        "correct horse battery staple\ncorrect horse battery staple\n",
        "bootstrap-admin",
        "--email=root@example.com",
        "--name=Root");
    Run intact = run(db, key, "", "verify-audit");
    assertThat(intact.status()).isZero();
    assertThat(intact.out()).contains("audit chain intact: 1 rows");

    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.execute("alter table admin.audit_log disable trigger audit_log_append_only");
      s.execute("update admin.audit_log set reason = 'nothing to see' where seq = 1");
      s.execute("alter table admin.audit_log enable trigger audit_log_append_only");
    }
    Run broken = run(db, key, "", "verify-audit");
    assertThat(broken.status()).isEqualTo(2);
    assertThat(broken.out()).contains("audit chain broken at row 1");
  }

  record Run(int status, String out) {}

  private static Run run(PostgresDatabase db, String key, String stdin, String... command) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String[] args = new String[command.length + 5];
    System.arraycopy(command, 0, args, 0, command.length);
    args[command.length] = "--spring.datasource.url=" + db.url();
    args[command.length + 1] = "--spring.datasource.username=croupier_admin";
    args[command.length + 2] = "--spring.datasource.password=" + db.password();
    args[command.length + 3] = "--croupier.admin.secret-keys=" + key;
    args[command.length + 4] = "--croupier.admin.argon2.memory-kib=8192";
    int status =
        AdminCommands.run(
            args,
            new BufferedReader(new StringReader(stdin)),
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Run(status, bytes.toString(StandardCharsets.UTF_8));
  }
}
