package dev.croupier.admin.approvals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.admin.StaffSession;
import dev.croupier.admin.TestAdmin;
import dev.croupier.admin.staff.Role;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Staff money changes end to end: the admin app, its approval worker on a real Temporal server, the
 * real wallet and broker. Under the threshold a GRANT posts at once, once however often the form is
 * sent; over it nothing moves until a second ADMIN approves, and neither the asker nor a non-ADMIN
 * can; a rejection or the expiry posts nothing; the wallet's refusal is recorded. The dashboard
 * shows what its sources answer and names the one that does not.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class AdjustmentsTest {
  private static TestWallet wallet;
  private static TestAdmin admin;
  private static TestAdmin.Member root;
  private static final UUID PLAYER = UUID.randomUUID();

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    String entries = KafkaTopics.create(kafka.bootstrapServers(), "wallet.entries", 3);
    wallet = TestWallet.over(db).outbox(kafka.bootstrapServers(), entries).caller("admin").start();
    wallet.grant(PLAYER, 10_000);
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
                Map.entry("croupier.admin.temporal.task-queue", "admin-test-" + UUID.randomUUID()),
                Map.entry("croupier.admin.wallet.target", wallet.target()),
                Map.entry("croupier.admin.tls.certificate", wallet.tls("admin").certificate()),
                Map.entry("croupier.admin.tls.private-key", wallet.tls("admin").privateKey()),
                Map.entry("croupier.admin.tls.trusted-ca", wallet.tls("admin").trustedCa()),
                Map.entry("croupier.admin.approvals.ttl", "20s"),
                Map.entry("croupier.admin.realtime-url", "http://127.0.0.1:" + Ports.freePort())));
    root = admin.bootstrapAdmin("root@example.com");
  }

  @AfterAll
  static void stop() {
    admin.close();
    wallet.close();
  }

  @Test
  void aGrantUnderTheThresholdIsPostedAtOnceAndOnceOnly() {
    StaffSession ops = signedIn(Role.OPS);
    long before = balance();
    String requestId = UUID.randomUUID().toString();
    Map<String, String> form =
        Map.of(
            "requestId",
            requestId,
            "userId",
            PLAYER.toString(),
            "currency",
            "COIN",
            "kind",
            "GRANT",
            "amount",
            "500.00",
            "reason",
            "goodwill after the outage");
    ops.get("/approvals");
    HttpResponse<String> first = ops.post("/adjustments", form);
    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(balance()).isEqualTo(before + 50_000);
    assertThat(ops.post("/adjustments", form).statusCode())
        .as("the same form again")
        .isEqualTo(302);
    assertThat(balance()).as("posted once").isEqualTo(before + 50_000);
    assertThat(status(requestId)).isEqualTo("POSTED");
    assertThat(auditActions(requestId)).contains("adjustment.posted");

    Map<String, String> altered = new java.util.HashMap<>(form);
    altered.put("amount", "600.00");
    HttpResponse<String> reused = ops.post("/adjustments", altered);
    assertThat(reused.statusCode()).isEqualTo(409);
    assertThat(reused.body()).contains("DUPLICATE_REQUEST");
  }

  @Test
  void overTheThresholdOnlyASecondAdminCanLetItThrough() {
    TestAdmin.Member asker =
        admin.enrolled(root, "asker-" + UUID.randomUUID() + "@example.com", "Asker", Role.ADMIN);
    StaffSession askerSession = new StaffSession(admin.base());
    assertThat(askerSession.signIn(asker).statusCode()).isEqualTo(302);
    long before = balance();
    String requestId = request(askerSession, "ADJUSTMENT", "2000.00");
    assertThat(status(requestId)).isEqualTo("PENDING_APPROVAL");
    assertThat(balance()).isEqualTo(before);

    askerSession.get("/approvals");
    HttpResponse<String> self =
        askerSession.post(
            "/approvals/" + requestId + "/approve", Map.of("reason", "looks right to me"));
    assertThat(self.statusCode()).isEqualTo(403);
    assertThat(self.body()).contains("SELF_APPROVAL");

    StaffSession ops = signedIn(Role.OPS);
    ops.get("/approvals");
    assertThat(
            ops.post("/approvals/" + requestId + "/approve", Map.of("reason", "i can approve?"))
                .statusCode())
        .isEqualTo(403);
    assertThat(balance()).as("refused decisions post nothing").isEqualTo(before);

    StaffSession second = signedIn(Role.ADMIN);
    second.get("/approvals");
    assertThat(
            second
                .post("/approvals/" + requestId + "/approve", Map.of("reason", "ticket checked"))
                .statusCode())
        .isEqualTo(302);
    assertThat(status(requestId)).isEqualTo("POSTED");
    assertThat(balance()).isEqualTo(before + 200_000);
    assertThat(auditActions(requestId)).contains("adjustment.posted");

    HttpResponse<String> again =
        second.post("/approvals/" + requestId + "/approve", Map.of("reason", "approve it twice"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("APPROVAL_CLOSED");
  }

  @Test
  void aRejectionTheExpiryAndTheWalletsRefusalPostNothing() {
    StaffSession asker = signedIn(Role.OPS);
    long before = balance();
    String rejected = request(asker, "ADJUSTMENT", "3000.00");
    String expiring = request(asker, "ADJUSTMENT", "4000.00");
    StaffSession second = signedIn(Role.ADMIN);
    second.get("/approvals");
    assertThat(
            second
                .post("/approvals/" + rejected + "/reject", Map.of("reason", "no ticket for it"))
                .statusCode())
        .isEqualTo(302);
    assertThat(status(rejected)).isEqualTo("REJECTED");
    await().atMost(Duration.ofSeconds(60)).until(() -> "EXPIRED".equals(status(expiring)));

    String broke = request(asker, "ADJUSTMENT", "-999.00");
    assertThat(status(broke)).isEqualTo("FAILED");
    assertThat(failure(broke)).isEqualTo("INSUFFICIENT_FUNDS");
    assertThat(balance()).isEqualTo(before);
  }

  @Test
  void theDashboardShowsItsSourcesAndNamesTheOneThatIsDown() {
    long player = wallet.open(UUID.randomUUID().toString(), AccountType.PLAYER);
    wallet.grant(UUID.randomUUID(), 1);
    StaffSession s = signedIn(Role.COMPLIANCE);
    HttpResponse<String> figures = s.getJson("/dashboard/figures?currency=COIN");
    assertThat(figures.statusCode()).isEqualTo(200);
    assertThat(figures.body())
        .contains("\"jackpotPool\":{\"value\":")
        .contains("\"openSessions\":{\"value\":0}")
        .contains("\"revenue\":{\"unavailable\":\"the realtime app\"}")
        .contains("\"playersOnline\":{\"unavailable\":\"Prometheus\"}");
    assertThat(player).isPositive();
    assertThat(s.get("/dashboard").body()).contains("chart-bets").contains("uPlot.iife.min.js");
    assertThat(s.getJson("/dashboard/figures?currency=XYZ").statusCode()).isEqualTo(400);
  }

  private static String request(StaffSession s, String kind, String amount) {
    String requestId = UUID.randomUUID().toString();
    s.get("/approvals");
    HttpResponse<String> r =
        s.post(
            "/adjustments",
            Map.of(
                "requestId",
                requestId,
                "userId",
                PLAYER.toString(),
                "currency",
                "COIN",
                "kind",
                kind,
                "amount",
                amount,
                "reason",
                "a test of the approvals"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    return requestId;
  }

  private static long balance() {
    return wallet.balance(PLAYER.toString(), AccountType.PLAYER);
  }

  private static String status(String requestId) {
    return admin
        .dsl()
        .fetchValue("select status from admin.adjustments where request_id = ?::uuid", requestId)
        .toString();
  }

  private static String failure(String requestId) {
    Object code =
        admin
            .dsl()
            .fetchValue(
                "select failure_code from admin.adjustments where request_id = ?::uuid", requestId);
    return code == null ? null : code.toString();
  }

  private static java.util.List<String> auditActions(String requestId) {
    return admin
        .dsl()
        .fetch("select action from admin.audit_log where request_id = ? order by seq", requestId)
        .getValues(0, String.class);
  }

  private static StaffSession signedIn(Role role) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    TestAdmin.Member m = admin.enrolled(root, id + "@example.com", "Staff " + id, role);
    StaffSession s = new StaffSession(admin.base());
    assertThat(s.signIn(m).statusCode()).isEqualTo(302);
    return s;
  }
}
