package dev.croupier.admin.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.admin.StaffSession;
import dev.croupier.admin.TestAdmin;
import dev.croupier.admin.WorkersProcess;
import dev.croupier.admin.staff.Role;
import dev.croupier.client.CallSettings;
import dev.croupier.client.sessions.GameSessions;
import dev.croupier.client.tables.GameTables;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.evidence.BundleVerifier;
import dev.croupier.evidence.EvidenceKeys;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.Wager;
import dev.croupier.games.poker.Action;
import dev.croupier.games.poker.PokerGame;
import dev.croupier.games.poker.PokerViews;
import dev.croupier.testsupport.Browser;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.SessionOptions;
import dev.croupier.workflows.table.TableOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The inspector and evidence exports against the real workers (a process, with its evidence port),
 * the real wallet and Temporal: a compliance officer finds a player's session, reads its rounds and
 * history, exports its bundle through the export workflow, and the bundle verifies offline with the
 * pinned export key, with the replay check passed; every step is audited; OPS may inspect but not
 * export; malformed input is a problem with a code. In Chromium too, with screenshots.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class EvidenceExportTest {
  private static final KeyPair EXPORT_KEY = EvidenceKeys.generate();
  private static final Path ARTIFACTS = Path.of("target", "artifacts");
  private static TestWallet wallet;
  private static WorkersProcess workers;
  private static TestAdmin admin;
  private static TestAdmin.Member root;
  private static GameSessions sessions;
  private static GameTables tables;
  private static WorkflowServiceStubs stubs;
  private static final int MANAGEMENT_PORT = Ports.freePort();

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal)
      throws Exception {
    wallet = TestWallet.start(db);
    String queue = "evidence-sessions-" + UUID.randomUUID();
    workers = new WorkersProcess(db, wallet, temporal, kafka, queue);
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
                Map.entry("croupier.admin.temporal.task-queue", "admin-ev-" + UUID.randomUUID()),
                Map.entry(
                    "croupier.admin.evidence.task-queue", "admin-evidence-" + UUID.randomUUID()),
                Map.entry("croupier.admin.evidence.workers-url", workers.evidenceUrl()),
                Map.entry(
                    "croupier.admin.evidence.signing-key",
                    EvidenceKeys.encodePrivate(EXPORT_KEY.getPrivate())),
                Map.entry(
                    "croupier.admin.evidence.directory",
                    Files.createTempDirectory("evidence").toString()),
                Map.entry("croupier.admin.evidence.max-sessions", "3"),
                Map.entry("croupier.admin.evidence.max-hands", "2"),
                Map.entry("management.server.port", MANAGEMENT_PORT),
                Map.entry("croupier.admin.wallet.target", wallet.target()),
                Map.entry("croupier.admin.tls.certificate", wallet.tls("admin").certificate()),
                Map.entry("croupier.admin.tls.private-key", wallet.tls("admin").privateKey()),
                Map.entry("croupier.admin.tls.trusted-ca", wallet.tls("admin").trustedCa()),
                Map.entry("croupier.admin.realtime-url", "http://127.0.0.1:" + Ports.freePort())));
    root = admin.bootstrapAdmin("root@example.com");
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    sessions =
        new GameSessions(
            WorkflowClient.newInstance(
                stubs,
                WorkflowClientOptions.newBuilder()
                    .setNamespace(temporal.settings().namespace())
                    .build()),
            CallSettings.of(queue));
    tables =
        new GameTables(
            WorkflowClient.newInstance(
                stubs,
                WorkflowClientOptions.newBuilder()
                    .setNamespace(temporal.settings().namespace())
                    .build()),
            CallSettings.of(queue));
  }

  @AfterAll
  static void stop() {
    admin.close();
    workers.close();
    stubs.shutdownNow();
    wallet.close();
  }

  @Test
  void complianceFindsASessionExportsItAndTheBundleVerifiesOffline() throws Exception {
    UUID player = UUID.randomUUID();
    UUID session = playedAndClosed(player, 3);
    StaffSession cora = signedIn(Role.COMPLIANCE);

    HttpResponse<String> found = cora.get("/sessions?player=" + player);
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body()).contains("/sessions/" + session);
    HttpResponse<String> page = cora.get("/sessions/" + session);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body())
        .contains("WORKFLOW_EXECUTION_STARTED", "Ledger.PostRound", "rng.replay")
        .contains("/sessions/" + session + "/exports")
        .doesNotContain("status-locked");

    HttpResponse<String> started = cora.post("/sessions/" + session + "/exports", Map.of());
    assertThat(started.statusCode()).isEqualTo(302);
    String location = started.headers().firstValue("Location").orElseThrow();
    Matcher m = Pattern.compile("/exports/([0-9a-f-]{36})").matcher(location);
    assertThat(m.find()).as(location).isTrue();
    UUID exportId = UUID.fromString(m.group(1));
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> assertThat(cora.get("/exports/" + exportId).body()).contains("bundle.zip"));
    String status = cora.get("/exports/" + exportId).body();
    assertThat(status).contains("SEALED", "PASSED: 1 runs replayed");

    byte[] zip = download(cora, "/exports/" + exportId + "/bundle.zip");
    BundleVerifier.Report report =
        new BundleVerifier(GameRegistry.load(getClass().getClassLoader()))
            .verify(new ByteArrayInputStream(zip), Optional.of(EXPORT_KEY.getPublic()));
    assertThat(report.firstDiscrepancy()).as(report.findings().toString()).isEmpty();
    assertThat(report.findings().stream().filter(f -> f.check().equals("round.outcome")))
        .hasSize(3);
    assertThat(report.findings().stream().filter(f -> f.check().equals("replay"))).hasSize(1);
    assertThat(names(zip))
        .contains(
            "manifest.json",
            "manifest.sig",
            "games.json",
            "replay.json",
            "rounds/" + session + ".json",
            "ledger/" + session + ".json")
        .anyMatch(n -> n.startsWith("histories/session-" + session + "/"));

    assertThat(auditCount("session.search")).isPositive();
    assertThat(auditCount("session.view")).isPositive();
    assertThat(auditCount("evidence.export", "ATTEMPTED")).isPositive();
    assertThat(auditCount("evidence.export", "OK")).isPositive();
    assertThat(auditCount("evidence.download")).isPositive();
  }

  @Test
  void complianceExportsAPlayersSessionsOverARangeAndTheBundleVerifiesOffline() throws Exception {
    Instant from = Instant.now().minusSeconds(60);
    UUID player = UUID.randomUUID();
    UUID first = playedAndClosed(player, 2);
    UUID second = playedAndClosed(player, 1);
    UUID someoneElses = playedAndClosed(UUID.randomUUID(), 1);
    StaffSession cora = signedIn(Role.COMPLIANCE);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(cora.get("/sessions?player=" + player).body())
                    .contains("/sessions/" + first, "/sessions/" + second));
    assertThat(cora.get("/sessions?player=" + player).body())
        .contains("/players/" + player + "/exports");

    HttpResponse<String> started =
        cora.post(
            "/players/" + player + "/exports",
            Map.of("from", from.toString(), "to", Instant.now().plusSeconds(60).toString()));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
    Matcher m =
        Pattern.compile("/exports/([0-9a-f-]{36})")
            .matcher(started.headers().firstValue("Location").orElseThrow());
    assertThat(m.find()).isTrue();
    UUID exportId = UUID.fromString(m.group(1));
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () -> assertThat(cora.get("/exports/" + exportId).body()).contains("bundle.zip"));
    assertThat(cora.get("/exports/" + exportId).body()).contains("SEALED", "PASSED: 2 runs");

    byte[] zip = download(cora, "/exports/" + exportId + "/bundle.zip");
    BundleVerifier.Report report =
        new BundleVerifier(GameRegistry.load(getClass().getClassLoader()))
            .verify(new ByteArrayInputStream(zip), Optional.of(EXPORT_KEY.getPublic()));
    assertThat(report.firstDiscrepancy()).as(report.findings().toString()).isEmpty();
    assertThat(report.findings().stream().filter(f -> f.check().equals("scope.session")))
        .hasSize(2);
    assertThat(report.findings().stream().filter(f -> f.check().equals("round.outcome")))
        .hasSize(3);
    assertThat(names(zip))
        .contains("rounds/" + first + ".json", "rounds/" + second + ".json")
        .noneMatch(n -> n.contains(someoneElses.toString()));
    assertThat(
            admin
                .dsl()
                .fetchCount(
                    org.jooq.impl.DSL.table("admin.audit_log"),
                    org.jooq
                        .impl
                        .DSL
                        .field("action")
                        .eq("evidence.export")
                        .and(org.jooq.impl.DSL.field("target").eq("player:" + player))
                        .and(org.jooq.impl.DSL.field("outcome").in("ATTEMPTED", "OK"))))
        .isEqualTo(2);
    assertThat(
            admin
                .bean(io.micrometer.core.instrument.MeterRegistry.class)
                .counter("croupier.admin.evidence.exports", "scope", "player", "outcome", "sealed")
                .count())
        .isPositive();
  }

  @Test
  void aPlayerRangeOverTheLimitOrMalformedIsRefusedAndAudited() {
    Instant from = Instant.now().minusSeconds(60);
    UUID player = UUID.randomUUID();
    for (int i = 0; i < 4; i++) {
      playedAndClosed(player, 1);
    }
    StaffSession cora = signedIn(Role.COMPLIANCE);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        Pattern.compile("class=\"session-link\"")
                            .matcher(cora.get("/sessions?player=" + player).body())
                            .results()
                            .count())
                    .isEqualTo(4));
    String to = Instant.now().plusSeconds(60).toString();
    HttpResponse<String> tooMany =
        cora.post("/players/" + player + "/exports", Map.of("from", from.toString(), "to", to));
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.body()).contains("EXPORT_SCOPE_TOO_LARGE");
    assertThat(auditCount("evidence.export", "REFUSED")).isPositive();

    HttpResponse<String> malformed =
        cora.post("/players/" + player + "/exports", Map.of("from", "yesterday", "to", to));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(malformed.body()).contains("VALIDATION_FAILED");
    HttpResponse<String> reversed =
        cora.post("/players/" + player + "/exports", Map.of("from", to, "to", from.toString()));
    assertThat(reversed.statusCode()).isEqualTo(400);
    assertThat(reversed.body()).contains("VALIDATION_FAILED");

    StaffSession otto = signedIn(Role.OPS);
    assertThat(otto.get("/sessions?player=" + player).body())
        .doesNotContain("/players/" + player + "/exports");
    assertThat(
            otto.post("/players/" + player + "/exports", Map.of("from", from.toString(), "to", to))
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void theEvidenceHealthComponentIsUpWhenAnExportCouldRun() {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              HttpResponse<String> r =
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(
                                  URI.create(
                                      "http://127.0.0.1:" + MANAGEMENT_PORT + "/actuator/health"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
              tools.jackson.databind.JsonNode evidence =
                  tools.jackson.databind.json.JsonMapper.builder()
                      .build()
                      .readTree(r.body())
                      .path("components")
                      .path("evidence");
              assertThat(evidence.path("status").asString()).as(r.body()).isEqualTo("UP");
              assertThat(evidence.path("details").path("workersEvidencePort").asString())
                  .isEqualTo("ANSWERS");
              assertThat(evidence.path("details").path("publicKeySha256").asString())
                  .isEqualTo(EvidenceKeys.fingerprint(EXPORT_KEY.getPublic()));
              assertThat(r.body())
                  .doesNotContain(EvidenceKeys.encodePrivate(EXPORT_KEY.getPrivate()));
            });
  }

  @Test
  void opsFindsATableAndReadsItsRunsAndEveryLookIsAudited() {
    UUID table = UUID.randomUUID();
    tables.open(
        table,
        "Inspected",
        new GameRef("poker-nlhe", "1.0.0"),
        Map.of(
            "currency",
            "COIN",
            "seatCount",
            2,
            "smallBlind",
            1,
            "bigBlind",
            2,
            "minBuyIn",
            40,
            "maxBuyIn",
            200,
            "rakeBps",
            0,
            "rakeCap",
            0),
        TableOptions.DEFAULTS);
    StaffSession otto = signedIn(Role.OPS);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(otto.get("/tables?table=" + table).body())
                    .contains("/tables/" + table, "poker-nlhe@1.0.0"));
    assertThat(otto.get("/tables?game=poker-nlhe@1.0.0&status=running").body())
        .contains("/tables/" + table);
    assertThat(otto.get("/sessions").body()).contains("href=\"/tables\"");
    HttpResponse<String> page = otto.get("/tables/" + table);
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body())
        .contains("WORKFLOW_EXECUTION_STARTED", "id=\"runs\"", "id=\"hands\"", "/workflows/table-")
        .doesNotContain("/tables/" + table + "/exports");
    assertThat(
            otto.post(
                    "/tables/" + table + "/exports",
                    Map.of("from", "2026-01-01T00:00:00Z", "to", "2027-01-01T00:00:00Z"))
                .statusCode())
        .isEqualTo(403);

    HttpResponse<String> unknown = otto.getJson("/tables/" + UUID.randomUUID());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("UNKNOWN_TABLE");
    for (String bad : List.of("table=not-a-uuid", "status=SLEEPING", "from=yesterday")) {
      HttpResponse<String> r = otto.getJson("/tables?" + bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(r.body()).contains("VALIDATION_FAILED");
    }
    assertThat(auditCount("table.search")).isPositive();
    assertThat(auditCount("table.view")).isPositive();
  }

  @Test
  void complianceExportsATableOverARangeAndTheBundleVerifiesOffline() throws Exception {
    Instant from = Instant.now().minusSeconds(60);
    UUID table = UUID.randomUUID();
    tables.open(
        table,
        "Exported",
        new GameRef("poker-nlhe", "1.0.0"),
        Map.of(
            "currency",
            "COIN",
            "seatCount",
            2,
            "smallBlind",
            1,
            "bigBlind",
            2,
            "minBuyIn",
            40,
            "maxBuyIn",
            200,
            "rakeBps",
            0,
            "rakeCap",
            0),
        TableOptions.DEFAULTS);
    StaffSession cora = signedIn(Role.COMPLIANCE);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(cora.get("/tables?table=" + table).body()).contains("/tables/" + table));
    assertThat(cora.get("/tables/" + table).body()).contains("/tables/" + table + "/exports");
    HttpResponse<String> started =
        cora.post(
            "/tables/" + table + "/exports",
            Map.of("from", from.toString(), "to", Instant.now().plusSeconds(60).toString()));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
    Matcher m =
        Pattern.compile("/exports/([0-9a-f-]{36})")
            .matcher(started.headers().firstValue("Location").orElseThrow());
    assertThat(m.find()).isTrue();
    UUID exportId = UUID.fromString(m.group(1));
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () -> assertThat(cora.get("/exports/" + exportId).body()).contains("bundle.zip"));
    assertThat(cora.get("/exports/" + exportId).body()).contains("SEALED", "PASSED: 1 runs");
    byte[] zip = download(cora, "/exports/" + exportId + "/bundle.zip");
    BundleVerifier.Report report =
        new BundleVerifier(GameRegistry.load(getClass().getClassLoader()))
            .verify(new ByteArrayInputStream(zip), Optional.of(EXPORT_KEY.getPublic()));
    assertThat(report.firstDiscrepancy()).as(report.findings().toString()).isEmpty();
    assertThat(report.findings().stream().filter(f -> f.check().equals("game.certified")))
        .singleElement()
        .satisfies(f -> assertThat(f.detail()).startsWith("poker-nlhe@1.0.0"));
    assertThat(names(zip))
        .contains("ledger/table-" + table + ".json", "games.json", "replay.json")
        .anyMatch(n -> n.startsWith("histories/table-" + table + "/"))
        .noneMatch(n -> n.startsWith("rounds/"));
    assertThat(
            admin
                .dsl()
                .fetchCount(
                    org.jooq.impl.DSL.table("admin.audit_log"),
                    org.jooq
                        .impl
                        .DSL
                        .field("action")
                        .eq("evidence.export")
                        .and(org.jooq.impl.DSL.field("target").eq("table:" + table))
                        .and(org.jooq.impl.DSL.field("outcome").in("ATTEMPTED", "OK"))))
        .isEqualTo(2);

    HttpResponse<String> unknown =
        cora.post(
            "/tables/" + UUID.randomUUID() + "/exports",
            Map.of("from", from.toString(), "to", Instant.now().plusSeconds(60).toString()));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("UNKNOWN_TABLE");
  }

  @Test
  void dealtHandsAreInTheTablesBundleAndInTheBundleOfThePlayerWhoSatInThem() throws Exception {
    Instant from = Instant.now().minusSeconds(60);
    UUID player = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    UUID session = playedAndClosed(player, 1);
    wallet.grant(other, 10_000);
    UUID table = UUID.randomUUID();
    List<String> seated = List.of(player.toString(), other.toString());
    dealt(table, seated, 2);
    Instant to = Instant.now().plusSeconds(60);
    StaffSession cora = signedIn(Role.COMPLIANCE);

    // The table's bundle: both hands, each proven against its commitment and ledger.
    byte[] tableZip =
        exported(
            cora,
            "/tables/" + table + "/exports",
            Map.of("from", from.toString(), "to", to.toString()));
    BundleVerifier.Report tableReport = verified(tableZip);
    assertThat(names(tableZip))
        .contains("hands/" + table + "/1.json", "hands/" + table + "/2.json")
        .doesNotContain("hands/" + table + "/3.json");
    assertThat(tableReport.findings().stream().filter(f -> f.check().equals("hand.pots")))
        .hasSize(2);

    // The player's bundle: their slot session and the same two hands, with their seat's proof.
    assertThat(cora.get("/sessions?player=" + player).body())
        .contains("/players/" + player + "/exports", "every poker hand they sat in");
    byte[] playerZip =
        exported(
            cora,
            "/players/" + player + "/exports",
            Map.of("from", from.toString(), "to", to.toString()));
    BundleVerifier.Report playerReport = verified(playerZip);
    assertThat(names(playerZip))
        .contains(
            "rounds/" + session + ".json",
            "player.json",
            "hands/" + table + "/1.json",
            "hands/" + table + "/2.json",
            "ledger/table-" + table + ".json")
        .anyMatch(n -> n.startsWith("histories/session-" + session + "/"))
        .anyMatch(n -> n.startsWith("histories/table-" + table + "/"));
    assertThat(playerReport.findings().stream().filter(f -> f.check().equals("scope.hand")))
        .hasSize(2)
        .allSatisfy(f -> assertThat(f.detail()).contains("sat in seat 0"));
    assertThat(playerReport.findings().stream().filter(f -> f.check().equals("round.outcome")))
        .hasSize(1);
    assertThat(playerReport.findings().stream().filter(f -> f.check().equals("game.certified")))
        .extracting(BundleVerifier.Finding::detail)
        .anyMatch(d -> d.startsWith("poker-nlhe@1.0.0"))
        .anyMatch(d -> d.startsWith("slot-classic@1.0.0"));

    assertThat(
            admin
                .bean(io.micrometer.core.instrument.MeterRegistry.class)
                .counter("croupier.admin.evidence.hands", "scope", "player")
                .count())
        .isGreaterThanOrEqualTo(2);

    // One more hand at another table is over max-hands (2): refused before anything starts.
    dealt(UUID.randomUUID(), seated, 1);
    HttpResponse<String> tooMany =
        cora.post(
            "/players/" + player + "/exports",
            Map.of("from", from.toString(), "to", to.toString()));
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(tooMany.body()).contains("EXPORT_SCOPE_TOO_LARGE", "poker hands");
    assertThat(
            admin
                .dsl()
                .fetchCount(
                    org.jooq.impl.DSL.table("admin.audit_log"),
                    org.jooq
                        .impl
                        .DSL
                        .field("target")
                        .eq("player:" + player)
                        .and(org.jooq.impl.DSL.field("outcome").eq("REFUSED"))))
        .isEqualTo(1);

    // Someone who never sat at the table has no hand in their bundle.
    UUID stranger = UUID.randomUUID();
    playedAndClosed(stranger, 1);
    byte[] strangerZip =
        exported(
            cora,
            "/players/" + stranger + "/exports",
            Map.of("from", from.toString(), "to", to.toString()));
    verified(strangerZip);
    assertThat(names(strangerZip)).noneMatch(n -> n.startsWith("hands/") || n.contains("table-"));
  }

  /**
   * Opens a 2-seat poker table, seats the two players (100 each) and deals {@code hands} hands,
   * both calling down; the second sits out during the last, so no more is dealt.
   */
  private static void dealt(UUID table, List<String> seated, int hands) {
    tables.open(
        table,
        "Dealt " + hands,
        new GameRef("poker-nlhe", "1.0.0"),
        Map.of(
            "currency",
            "COIN",
            "seatCount",
            2,
            "smallBlind",
            1,
            "bigBlind",
            2,
            "minBuyIn",
            40,
            "maxBuyIn",
            200,
            "rakeBps",
            500,
            "rakeCap",
            30),
        TableOptions.DEFAULTS
            .withHandPause(Duration.ZERO)
            .withActionTimeout(Duration.ofMinutes(10)));
    tables.sit(table, seated.get(0), "sit-0", 0, 100);
    tables.sit(table, seated.get(1), "sit-1", 1, 100);
    // Both call every hand down; the second sits out during the last hand, so no more is dealt.
    int[] requests = {0};
    boolean[] satOut = {false};
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              dev.croupier.workflows.table.TableView platform = tables.view(table, null);
              dev.croupier.games.poker.TableView v =
                  PokerViews.read(
                      platform.viewerSeat(), platform.round(), platform.seats(), platform.game());
              if (v.hand() == null) {
                return satOut[0] && v.handNumber() >= hands;
              }
              if (v.handNumber() >= hands && !satOut[0]) {
                tables.sitOut(table, seated.get(1), "sit-out-1", 1);
                satOut[0] = true;
              }
              int seat = v.hand().toAct();
              long streetBet =
                  v.hand().players().stream()
                      .filter(p -> p.seat() == seat)
                      .findFirst()
                      .orElseThrow()
                      .streetBet();
              Action action =
                  streetBet == v.hand().currentBet() ? new Action.Check() : new Action.Call();
              tables.act(
                  table,
                  seated.get(seat),
                  "act-" + ++requests[0],
                  seat,
                  PokerGame.move(action).toJson());
              return false;
            });
  }

  /** Starts an export with {@code form}, waits until it is sealed and downloads the bundle. */
  private static byte[] exported(StaffSession cora, String path, Map<String, String> form)
      throws Exception {
    HttpResponse<String> started = cora.post(path, form);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
    Matcher m =
        Pattern.compile("/exports/([0-9a-f-]{36})")
            .matcher(started.headers().firstValue("Location").orElseThrow());
    assertThat(m.find()).isTrue();
    UUID exportId = UUID.fromString(m.group(1));
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () -> assertThat(cora.get("/exports/" + exportId).body()).contains("bundle.zip"));
    assertThat(cora.get("/exports/" + exportId).body()).contains("SEALED", "PASSED");
    return download(cora, "/exports/" + exportId + "/bundle.zip");
  }

  /** The bundle verified offline with the pinned export key: valid, else the findings. */
  private BundleVerifier.Report verified(byte[] zip) throws Exception {
    BundleVerifier.Report report =
        new BundleVerifier(GameRegistry.load(getClass().getClassLoader()))
            .verify(new ByteArrayInputStream(zip), Optional.of(EXPORT_KEY.getPublic()));
    assertThat(report.firstDiscrepancy()).as(report.findings().toString()).isEmpty();
    return report;
  }

  @Test
  void opsInspectsButMayNotExportAndMalformedInputIsAProblem() {
    UUID player = UUID.randomUUID();
    UUID session = playedAndClosed(player, 1);
    StaffSession otto = signedIn(Role.OPS);
    assertThat(otto.get("/sessions/" + session).statusCode()).isEqualTo(200);
    assertThat(otto.get("/sessions/" + session).body())
        .doesNotContain("/sessions/" + session + "/exports");
    assertThat(otto.post("/sessions/" + session + "/exports", Map.of()).statusCode())
        .isEqualTo(403);
    HttpResponse<String> bad = otto.getJson("/sessions?player=not-a-uuid");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("VALIDATION_FAILED");
    HttpResponse<String> unknown = otto.getJson("/sessions/" + UUID.randomUUID());
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("UNKNOWN_SESSION");
  }

  @Test
  void inChromiumComplianceFindsAPlayersSessionExportsItAndSeesTheReplayCheckPass()
      throws Exception {
    UUID player = UUID.randomUUID();
    UUID session = playedAndClosed(player, 2);
    TestAdmin.Member cora =
        admin.enrolled(
            root, "cora-" + UUID.randomUUID() + "@example.com", "Cora Compliance", Role.COMPLIANCE);
    Files.createDirectories(ARTIFACTS);
    ChromeDriver browser = Browser.start();
    try {
      browser.get(admin.base() + "/sessions");
      until(browser, d -> d.getCurrentUrl().endsWith("/sign-in"));
      browser.findElement(By.name("email")).sendKeys(cora.email());
      browser.findElement(By.name("password")).sendKeys(TestAdmin.PASSWORD);
      browser.findElement(By.name("code")).sendKeys(cora.code(Instant.now()));
      browser.findElement(By.cssSelector("form button[type=submit]")).click();
      until(browser, d -> !d.getCurrentUrl().endsWith("/sign-in"));
      browser.get(admin.base() + "/sessions");
      browser.findElement(By.name("player")).sendKeys(player.toString());
      browser.findElement(By.cssSelector("#session-search button[type=submit]")).click();
      until(browser, d -> d.findElements(By.cssSelector("#sessions a.session-link")).size() == 1);
      shot(browser, "20-sessions");
      browser.findElement(By.cssSelector("#sessions a.session-link")).click();
      until(browser, d -> d.getCurrentUrl().endsWith("/sessions/" + session));
      assertThat(browser.findElement(By.id("rounds")).getText()).contains("rng.replay");
      shot(browser, "21-session");
      browser.findElement(By.cssSelector("#export-form button")).click();
      until(
          browser,
          d -> {
            if (d.findElements(By.id("download")).isEmpty()) {
              d.findElement(By.id("refresh")).click();
              return false;
            }
            return true;
          });
      assertThat(browser.findElement(By.id("replay-check")).getText())
          .startsWith("PASSED: 1 runs replayed");
      assertThat(browser.findElement(By.id("export-step")).getText()).isEqualTo("SEALED");
      shot(browser, "22-export");
    } finally {
      browser.quit();
    }
  }

  private static UUID playedAndClosed(UUID player, int bets) {
    wallet.grant(player, 100_000);
    OpenedSession s =
        sessions.open(player, new GameRef("slot-classic", "1.0.0"), null, SessionOptions.DEFAULTS);
    for (int i = 0; i < bets; i++) {
      sessions.placeBet(player, s.sessionId(), "bet-" + i, new Wager(200, Wager.COIN));
    }
    sessions.close(player, s.sessionId());
    return s.sessionId();
  }

  private static byte[] download(StaffSession s, String path) throws Exception {
    HttpResponse<byte[]> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(admin.base() + path))
                    .header("Cookie", "CROUPIER_ADMIN=" + s.cookie("CROUPIER_ADMIN"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
    return r.body();
  }

  private static List<String> names(byte[] zip) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.add(e.getName());
      }
    }
    return out;
  }

  private static long auditCount(String action) {
    return admin
        .dsl()
        .fetchCount(
            org.jooq.impl.DSL.table("admin.audit_log"),
            org.jooq.impl.DSL.field("action").eq(action));
  }

  private static long auditCount(String action, String outcome) {
    return admin
        .dsl()
        .fetchCount(
            org.jooq.impl.DSL.table("admin.audit_log"),
            org.jooq
                .impl
                .DSL
                .field("action")
                .eq(action)
                .and(org.jooq.impl.DSL.field("outcome").eq(outcome)));
  }

  private static StaffSession signedIn(Role role) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    TestAdmin.Member m = admin.enrolled(root, id + "@example.com", "Staff " + id, role);
    StaffSession s = new StaffSession(admin.base());
    assertThat(s.signIn(m).statusCode()).isEqualTo(302);
    return s;
  }

  private static void until(
      ChromeDriver browser, java.util.function.Function<ChromeDriver, Boolean> condition) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> condition.apply(browser));
  }

  private static void shot(ChromeDriver browser, String name) throws Exception {
    Files.write(
        ARTIFACTS.resolve("admin-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
