package dev.croupier.admin.players;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.admin.GatewayProcess;
import dev.croupier.admin.StaffSession;
import dev.croupier.admin.TestAdmin;
import dev.croupier.admin.staff.Role;
import dev.croupier.api.wallet.v1.AccountType;
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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

/**
 * Players in the back office, against the real gateway (the identity context's staff API over
 * mutual TLS), the real wallet and Temporal: search by email, name, id and account number; the
 * player's page; locks and sign-outs that end the player's tokens on the gateway; every search and
 * view audited, every action audited as attempted and as it ended; roles that may not act are
 * refused; a player's name renders inert.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class PlayersTest {
  private static final String PASSWORD = "correct horse battery";
  private static final java.time.Duration WATCHDOG = java.time.Duration.ofSeconds(20);
  private static TestWallet wallet;
  private static GatewayProcess gateway;
  private static TestAdmin admin;
  private static TestAdmin.Member root;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    wallet = TestWallet.over(db).welcomeGrant(100_000).start();
    // The socket watchdog sweeps every second here (15 s by default), so closed sockets show fast.
    gateway =
        GatewayProcess.start(
            db, wallet, temporal, kafka, Map.of("CROUPIER_GATEWAY_WS_WATCHDOGINTERVAL", "1s"));
    admin =
        TestAdmin.start(
            db,
            Map.ofEntries(
                Map.entry("croupier.admin.kafka.bootstrap-servers", kafka.bootstrapServers()),
                Map.entry(
                    "croupier.admin.kafka.flags-topic",
                    KafkaTopics.create(kafka.bootstrapServers(), "admin.flags", 1)),
                Map.entry(
                    "croupier.admin.kafka.entries-topic",
                    KafkaTopics.create(kafka.bootstrapServers(), "wallet.entries", 1)),
                Map.entry("croupier.admin.temporal.target", temporal.target()),
                Map.entry("croupier.admin.temporal.namespace", temporal.settings().namespace()),
                Map.entry(
                    "croupier.admin.temporal.task-queue", "admin-players-" + UUID.randomUUID()),
                Map.entry("croupier.admin.wallet.target", wallet.target()),
                Map.entry("croupier.admin.identity.target", gateway.staffApi()),
                Map.entry("croupier.admin.tls.certificate", wallet.tls("admin").certificate()),
                Map.entry("croupier.admin.tls.private-key", wallet.tls("admin").privateKey()),
                Map.entry("croupier.admin.tls.trusted-ca", wallet.tls("admin").trustedCa()),
                Map.entry("croupier.admin.realtime-url", "http://127.0.0.1:" + Ports.freePort())));
    root = admin.bootstrapAdmin("root@example.com");
  }

  @AfterAll
  static void stop() {
    admin.close();
    gateway.close();
    wallet.close();
  }

  @Test
  void staffFindPlayersByEmailNameIdAndAccountAndEverySearchIsAudited() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    JsonNode p = gateway.register("dora-" + tag + "@example.com", PASSWORD, "Dora" + tag);
    String id = p.get("userId").asString();
    long account = wallet.open(id, AccountType.PLAYER);
    StaffSession ops = signedIn(Role.OPS);
    for (String q : List.of("dora-" + tag, "DORA" + tag, id, String.valueOf(account))) {
      HttpResponse<String> r = ops.get("/players?q=" + q);
      assertThat(r.statusCode()).as(q).isEqualTo(200);
      assertThat(r.body())
          .as(q)
          .contains("dora-" + tag + "@example.com")
          .contains("/players/" + id);
    }
    assertThat(ops.get("/players?q=zz").statusCode()).as("too short").isEqualTo(400);
    assertThat(auditCount("player.search", null)).isGreaterThanOrEqualTo(4);
  }

  @Test
  void thePlayersPageShowsIdentityWalletAndAdjustmentsAndTheViewIsAudited() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String email = "page-" + tag + "@example.com";
    String id = gateway.register(email, PASSWORD, "Paige" + tag).get("userId").asString();
    gateway.login(email, PASSWORD);
    StaffSession compliance = signedIn(Role.COMPLIANCE);
    HttpResponse<String> page = compliance.get("/players/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains(email)
        .contains("1,000.00 COIN")
        .contains("GRANT")
        .contains("SUCCESS")
        .contains("No sessions.")
        .doesNotContain("Lock</button>")
        .doesNotContain("Ask for the adjustment");
    assertThat(auditCount("player.view", "player:" + id)).isEqualTo(1);
    assertThat(compliance.get("/players/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    assertThat(compliance.get("/players/not-a-uuid").statusCode()).isEqualTo(400);
  }

  @Test
  void aLockAndASignOutEndThePlayersTokensOnTheGatewayAndAreAudited() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String email = "lock-" + tag + "@example.com";
    String id = gateway.register(email, PASSWORD, "Locke" + tag).get("userId").asString();
    String token = gateway.login(email, PASSWORD).get("accessToken").asString();
    assertThat(gateway.status("/auth/me", token)).isEqualTo(200);
    GatewayProcess.PlayerSocket before = gateway.openSocket(token);

    StaffSession ops = signedIn(Role.OPS);
    ops.get("/players/" + id);
    assertThat(
            ops.post("/players/" + id + "/lock", Map.of("reason", "card chargeback")).statusCode())
        .isEqualTo(302);
    assertThat(gateway.status("/auth/me", token)).isEqualTo(401);
    assertThat(before.closed()).as("the lock closes the open socket").succeedsWithin(WATCHDOG);
    assertThat(before.closed().join()).isEqualTo(1008);
    assertThat(gateway.loginStatus(email, PASSWORD)).isEqualTo(403);
    assertThat(ops.get("/players/" + id).body()).contains("LOCKED");
    ops.post("/players/" + id + "/unlock", Map.of("reason", "chargeback withdrawn"));
    String second = gateway.login(email, PASSWORD).get("accessToken").asString();
    GatewayProcess.PlayerSocket open = gateway.openSocket(second);

    long now = java.time.Instant.now().getEpochSecond();
    org.awaitility.Awaitility.await().until(() -> java.time.Instant.now().getEpochSecond() > now);
    assertThat(
            ops.post("/players/" + id + "/sign-out", Map.of("reason", "asked by the player"))
                .statusCode())
        .isEqualTo(302);
    assertThat(gateway.status("/auth/me", second)).isEqualTo(401);
    assertThat(open.closed()).as("the sign-out closes the open socket").succeedsWithin(WATCHDOG);
    assertThat(open.closed().join()).isEqualTo(1008);
    assertThat(
            admin
                .dsl()
                .fetch(
                    "select action || ':' || outcome from admin.audit_log where target = ? and action like 'player.%' and action <> 'player.view' order by seq",
                    "player:" + id)
                .getValues(0, String.class))
        .containsExactly(
            "player.lock:ATTEMPTED", "player.lock:OK",
            "player.unlock:ATTEMPTED", "player.unlock:OK",
            "player.sign-out:ATTEMPTED", "player.sign-out:OK");

    StaffSession compliance = signedIn(Role.COMPLIANCE);
    compliance.get("/players/" + id);
    assertThat(
            compliance
                .post("/players/" + id + "/lock", Map.of("reason", "not my call"))
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> reasonless = ops.post("/players/" + id + "/lock", Map.of("reason", " "));
    assertThat(reasonless.statusCode()).isEqualTo(400);
    assertThat(gateway.loginStatus(email, PASSWORD)).as("still unlocked").isEqualTo(200);
  }

  @Test
  void aPlayersNameIsEscapedInTheBackOffice() {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String id =
        gateway
            .register("xss-" + tag + "@example.com", PASSWORD, "O'Neil" + tag)
            .get("userId")
            .asString();
    StaffSession ops = signedIn(Role.OPS);
    String results = ops.get("/players?q=xss-" + tag).body();
    String page = ops.get("/players/" + id).body();
    for (String html : List.of(results, page)) {
      assertThat(html).doesNotContain("O'Neil" + tag).contains("O&#39;Neil" + tag);
    }
  }

  @Test
  void whenIdentityIsAwayTheSearchSaysSoWithACode() {
    StaffSession ops = signedIn(Role.OPS);
    gateway.stop();
    try {
      HttpResponse<String> r = ops.getJson("/players?q=anyone-at-all");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("\"code\":\"UNAVAILABLE\"");
    } finally {
      gateway.restart();
    }
    // Back: the next calls reach the restarted gateway.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> ops.get("/players?q=anyone-at-all").statusCode() == 200);
  }

  @Test
  void opsFindAPlayerAndOpenTheirPageInChromium() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 6);
    String email = "browse-" + tag + "@example.com";
    String id = gateway.register(email, PASSWORD, "Bruno" + tag).get("userId").asString();
    gateway.login(email, PASSWORD);
    String mid = UUID.randomUUID().toString().substring(0, 8);
    TestAdmin.Member ops = admin.enrolled(root, mid + "@example.com", "Olga " + mid, Role.OPS);
    Path artifacts = Path.of("target", "artifacts");
    Files.createDirectories(artifacts);
    ChromeDriver browser = Browser.start();
    try {
      browser.get(admin.base() + "/sign-in");
      browser.findElement(By.name("email")).sendKeys(ops.member().email());
      browser.findElement(By.name("password")).sendKeys(TestAdmin.PASSWORD);
      browser.findElement(By.name("code")).sendKeys(ops.code(Instant.now()));
      browser.findElement(By.cssSelector("form button[type=submit]")).click();
      until(browser, d -> d.getCurrentUrl().endsWith("/dashboard"));

      browser.findElement(By.cssSelector("nav a[href='/players']")).click();
      browser.findElement(By.name("q")).sendKeys("bruno" + tag);
      browser.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
      until(
          browser, d -> !d.findElements(By.cssSelector("a[href='/players/" + id + "']")).isEmpty());
      Files.write(
          artifacts.resolve("admin-10-players.png"), browser.getScreenshotAs(OutputType.BYTES));

      browser.findElement(By.cssSelector("a[href='/players/" + id + "']")).click();
      until(browser, d -> d.getCurrentUrl().endsWith("/players/" + id));
      String page = browser.findElement(By.tagName("main")).getText();
      assertThat(page).contains("Bruno" + tag).contains(email).contains("1,000.00 COIN");
      assertThat(browser.findElements(By.cssSelector("button.danger"))).isNotEmpty();
      Files.write(
          artifacts.resolve("admin-11-player.png"), browser.getScreenshotAs(OutputType.BYTES));
    } finally {
      browser.quit();
    }
    assertThat(auditCount("player.view", "player:" + id)).isEqualTo(1);
  }

  private static void until(ChromeDriver browser, Predicate<ChromeDriver> condition) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .ignoreExceptions()
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(() -> condition.test(browser));
  }

  private static long auditCount(String action, String target) {
    var where = org.jooq.impl.DSL.field("action").eq(action);
    if (target != null) {
      where = where.and(org.jooq.impl.DSL.field("target").eq(target));
    }
    return admin.dsl().fetchCount(org.jooq.impl.DSL.table("admin.audit_log"), where);
  }

  private static StaffSession signedIn(Role role) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    TestAdmin.Member m = admin.enrolled(root, id + "@example.com", "Staff " + id, role);
    StaffSession s = new StaffSession(admin.base());
    assertThat(s.signIn(m).statusCode()).isEqualTo(302);
    return s;
  }
}
