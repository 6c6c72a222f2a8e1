package dev.croupier.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.admin.staff.Role;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.Browser;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Every page of the back office in a real headless Chromium, against the real app, wallet, broker
 * and Temporal: sign in with a TOTP code, the dashboard's charts, a flag toggled with htmx, the
 * live ledger streaming a post as it happens, an adjustment, the audit log verified, a staff
 * invitation and its enrolment page. The CSP forbids inline script and style, so a page that relied
 * on either would break here. Screenshots go to {@code target/artifacts/admin-*.png}.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class AdminBrowserTest {
  private static final Path ARTIFACTS = Path.of("target", "artifacts");
  private static TestWallet wallet;
  private static TestAdmin admin;
  private static TestAdmin.Member root;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    String entries = KafkaTopics.create(kafka.bootstrapServers(), "wallet.entries", 3);
    wallet = TestWallet.over(db).outbox(kafka.bootstrapServers(), entries).caller("admin").start();
    admin =
        TestAdmin.start(
            db,
            Map.ofEntries(
                Map.entry("croupier.admin.kafka.bootstrap-servers", kafka.bootstrapServers()),
                Map.entry("croupier.admin.kafka.entries-topic", entries),
                Map.entry(
                    "croupier.admin.kafka.flags-topic",
                    KafkaTopics.create(kafka.bootstrapServers(), "admin.flags", 1)),
                Map.entry("croupier.admin.temporal.target", temporal.target()),
                Map.entry("croupier.admin.temporal.namespace", temporal.settings().namespace()),
                Map.entry(
                    "croupier.admin.temporal.task-queue", "admin-browser-" + UUID.randomUUID()),
                Map.entry("croupier.admin.wallet.target", wallet.target()),
                Map.entry("croupier.admin.tls.certificate", wallet.tls("admin").certificate()),
                Map.entry("croupier.admin.tls.private-key", wallet.tls("admin").privateKey()),
                Map.entry("croupier.admin.tls.trusted-ca", wallet.tls("admin").trustedCa()),
                Map.entry("croupier.admin.realtime-url", "http://127.0.0.1:" + Ports.freePort())));
    root = admin.bootstrapAdmin("root@example.com");
  }

  @AfterAll
  static void stop() {
    admin.close();
    wallet.close();
  }

  @Test
  void aStaffMemberWorksThroughEveryPage() throws Exception {
    Files.createDirectories(ARTIFACTS);
    ChromeDriver browser = Browser.start();
    Waiter wait = new Waiter(browser);
    try {
      TestAdmin.Member ann = admin.enrolled(root, "ann@example.com", "Ann Admin", Role.ADMIN);
      browser.get(admin.base() + "/dashboard");
      wait.until(d -> d.getCurrentUrl().endsWith("/sign-in"));
      shot(browser, "01-sign-in");
      browser.findElement(By.name("email")).sendKeys(ann.email());
      browser.findElement(By.name("password")).sendKeys(TestAdmin.PASSWORD);
      browser.findElement(By.name("code")).sendKeys(ann.code(Instant.now()));
      browser.findElement(By.cssSelector("form button[type=submit]")).click();

      // The dashboard: tiles filled from their sources, the charts drawn by uPlot.
      wait.until(d -> d.getCurrentUrl().endsWith("/dashboard"));
      wait.until(d -> !d.findElement(By.id("t-sessions")).getText().equals("…"));
      wait.until(d -> d.findElements(By.cssSelector("#chart-bets canvas")).size() == 1);
      assertThat(browser.findElement(By.id("t-sessions")).getText()).isEqualTo("0");
      assertThat(browser.findElement(By.id("t-ggr")).getText()).isEqualTo("—");
      shot(browser, "02-dashboard");

      // A flag toggled in place (htmx swaps the row; the CSRF token rides in a header).
      browser.get(admin.base() + "/flags");
      WebElement row = browser.findElement(By.id("flag-auto-spin"));
      assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("OFF");
      row.findElement(By.name("reason")).sendKeys("weekend promotion");
      row.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(
          d -> d.findElement(By.cssSelector("#flag-auto-spin .status")).getText().equals("ON"));
      assertThat(browser.getCurrentUrl())
          .as("no page load: htmx swapped the row")
          .endsWith("/flags");
      shot(browser, "03-flags");

      // The live ledger: a post made while the page is open appears on top.
      browser.get(admin.base() + "/ledger");
      wait.until(d -> d.findElement(By.id("live-state")).getText().equals("live"));
      UUID player = UUID.randomUUID();
      wallet.grant(player, 4_321);
      wait.until(
          d ->
              d.findElements(By.cssSelector("#ledger tbody tr")).stream()
                  .anyMatch(r -> r.getText().contains("43.21 COIN")));
      shot(browser, "04-live-ledger");

      // An adjustment over the threshold waits for a second ADMIN on the approvals page.
      StaffSession asker = new StaffSession(admin.base());
      TestAdmin.Member otto = admin.enrolled(root, "otto@example.com", "Otto Ops", Role.OPS);
      assertThat(asker.signIn(otto).statusCode()).isEqualTo(302);
      asker.get("/approvals");
      asker.post(
          "/adjustments",
          Map.of(
              "requestId",
              UUID.randomUUID().toString(),
              "userId",
              player.toString(),
              "currency",
              "COIN",
              "kind",
              "GRANT",
              "amount",
              "2500.00",
              "reason",
              "VIP goodwill, ticket 4411"));
      browser.get(admin.base() + "/approvals");
      WebElement pending = browser.findElement(By.cssSelector("#pending tbody tr"));
      assertThat(pending.getText()).contains("2,500.00 COIN").contains("otto@example.com");
      shot(browser, "05-approvals-pending");
      pending
          .findElement(By.cssSelector("form[action$='/approve'] input[name=reason]"))
          .sendKeys("ticket 4411 checked");
      pending.findElement(By.cssSelector("form[action$='/approve'] button")).click();
      wait.until(d -> d.findElement(By.cssSelector(".flash")).getText().startsWith("Approved"));
      assertThat(wallet.balance(player.toString(), dev.croupier.api.wallet.v1.AccountType.PLAYER))
          .isEqualTo(4_321 + 250_000);
      shot(browser, "06-approvals-approved");

      // The audit log, and its chain verified.
      browser.get(admin.base() + "/audit");
      browser.findElement(By.cssSelector("form[action='/audit/verify'] button")).click();
      wait.until(
          d -> d.findElement(By.id("verification")).getText().contains("The chain verifies"));
      assertThat(browser.findElement(By.cssSelector("table.audit")).getText())
          .contains("flag.toggle")
          .contains("adjustment.approve")
          .contains("staff.sign-in");
      shot(browser, "07-audit");

      // Staff: an invitation and the enrolment page it links to.
      browser.get(admin.base() + "/staff");
      WebElement invite = browser.findElement(By.cssSelector("form[action='/staff']"));
      invite.findElement(By.name("email")).sendKeys("cora@example.com");
      invite.findElement(By.name("displayName")).sendKeys("Cora <b>Compliance</b>");
      invite.findElement(By.cssSelector("select[name=role] option[value=COMPLIANCE]")).click();
      invite.findElement(By.cssSelector("button[type=submit]")).click();
      String link =
          wait.until(d -> d.findElement(By.cssSelector("#invitation code.link-out"))).getText();
      assertThat(browser.getPageSource()).contains("Cora &lt;b&gt;Compliance&lt;/b&gt;");
      shot(browser, "08-staff");
      browser.manage().deleteAllCookies();
      browser.get(link);
      wait.until(d -> d.findElement(By.cssSelector(".qr-image svg")).isDisplayed());
      shot(browser, "09-enrol");

      List<String> shots = List.of("01-sign-in", "02-dashboard", "03-flags", "04-live-ledger");
      for (String s : shots) {
        assertThat(ARTIFACTS.resolve("admin-" + s + ".png")).exists();
      }
    } finally {
      browser.quit();
    }
  }

  /** Waits up to 30 s for a condition on the page, ignoring what is not there yet. */
  private record Waiter(ChromeDriver browser) {
    <T> T until(java.util.function.Function<ChromeDriver, T> condition) {
      return org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> condition.apply(browser), v -> v != null && !Boolean.FALSE.equals(v));
    }
  }

  private static void shot(ChromeDriver browser, String name) throws Exception {
    Files.write(
        ARTIFACTS.resolve("admin-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
