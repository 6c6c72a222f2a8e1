package dev.croupier.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.croupier.client.sessions.GameSessions;
import dev.croupier.client.testing.HistoryPayloads;
import dev.croupier.devstack.DevCertificates;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.Wager;
import dev.croupier.testsupport.Management;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.api.ServiceTls;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.table.TableProperties;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.SessionOptions;
import dev.croupier.workflows.session.SessionStart;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The packaged workers app: configuration, Flyway, the session worker on its task queue, game
 * recall over HTTP on loopback, and its management port: readiness naming each dependency and the
 * Prometheus scrape with the Temporal SDK's, the wallet client's and the game's meters.
 */
@ExtendWith({PostgresExtension.class, TemporalServerExtension.class})
class WorkersApplicationTest {

  @Test
  void appServesSessionsAndRecallsTheLastGamesOverHttp(PostgresDatabase db, TemporalServer temporal)
      throws Exception {
    int port = Ports.freePort();
    KeyPair gatewayKey = rsaKey();
    int managementPort = Ports.freePort();
    int evidencePort = Ports.freePort();
    try (TestWallet wallet = TestWallet.start(db);
        ConfigurableApplicationContext app =
            new SpringApplicationBuilder(WorkersApplication.class)
                .run(
                    "--spring.datasource.url=" + db.url(),
                    "--spring.datasource.username=croupier_game",
                    "--spring.datasource.password=" + db.password(),
                    "--server.port=" + port,
                    "--management.server.port=" + managementPort,
                    "--croupier.temporal.target=" + temporal.target(),
                    "--croupier.temporal.task-queue=workers-app-test",
                    // No broker in this test: the table outbox is relayed in TableEventRelayTest.
                    "--croupier.tables.relay.enabled=false",
                    "--croupier.wallet.target=" + wallet.target(),
                    "--croupier.wallet.tls.certificate=" + wallet.tls("workers").certificate(),
                    "--croupier.wallet.tls.private-key=" + wallet.tls("workers").privateKey(),
                    "--croupier.wallet.tls.trusted-ca=" + wallet.tls("workers").trustedCa(),
                    "--croupier.seeds.sealing-keys=" + WorkerProcess.FIXTURE_SEALING_KEY,
                    "--croupier.recall.public-keys=" + publicPem(gatewayKey),
                    "--croupier.evidence.port=" + evidencePort)) {
      GameSessions sessions = app.getBean(GameSessions.class);
      UUID user = UUID.randomUUID();
      wallet.grant(user, 100_000);
      OpenedSession s =
          sessions.open(user, new GameRef("slot-classic", "1.0.0"), null, SessionOptions.DEFAULTS);
      for (int i = 0; i < 3; i++) {
        sessions.placeBet(user, s.sessionId(), "app-" + i, new Wager(200, Wager.COIN));
      }
      WorkflowClient temporalClient = app.getBean(WorkflowClient.class);
      String beforeReveal =
          HistoryPayloads.text(temporalClient.fetchHistory(SessionStart.workflowId(s.sessionId())));
      String revealed = sessions.close(user, s.sessionId()).revealedServerSeed();
      writeSessionChain(sessions, temporalClient, user);
      // What ops see in the Web UI while the session is open: the commitment, never the seed.
      assertThat(beforeReveal)
          .doesNotContain(revealed)
          .contains(s.commitment())
          .containsPattern("sealed:v1:[0-9a-f]{16}:");

      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      String player = token(gatewayKey, user, List.of("PLAYER"));
      String otherPlayer = token(gatewayKey, UUID.randomUUID(), List.of("PLAYER"));
      String staff = token(gatewayKey, UUID.randomUUID(), List.of("COMPLIANCE"));
      String forged = token(rsaKey(), user, List.of("COMPLIANCE"));
      HttpResponse<String> last = get(http, base + "/recall/users/" + user + "/last-games", player);
      HttpResponse<String> missing =
          get(http, base + "/recall/sessions/" + s.sessionId() + "/rounds/99", staff);
      String firstRound = base + "/recall/sessions/" + s.sessionId() + "/rounds/1";

      // Recall answers the player for their own rounds, staff for any, and no one else.
      assertThat(get(http, firstRound, player).statusCode()).isEqualTo(200);
      assertThat(get(http, firstRound, staff).statusCode()).isEqualTo(200);
      assertProblem(get(http, firstRound, otherPlayer), 403, "NOT_YOUR_SESSION");
      assertProblem(
          get(http, base + "/recall/users/" + user + "/last-games", otherPlayer), 403, "FORBIDDEN");
      assertProblem(get(http, firstRound, null), 401, "INVALID_TOKEN");
      assertProblem(get(http, firstRound, forged), 401, "INVALID_TOKEN");
      assertProblem(
          get(http, base + "/recall/sessions/not-a-uuid/rounds/1", staff),
          400,
          "VALIDATION_FAILED");
      assertProblem(get(http, base + "/recall/nothing-here", staff), 404, "UNKNOWN_PATH");

      // Evidence answers admin's service certificate on the evidence port, and nobody else.
      String evidence =
          "https://127.0.0.1:" + evidencePort + "/evidence/sessions/" + s.sessionId() + "/rounds";
      HttpClient asAdmin =
          HttpClient.newBuilder().sslContext(wallet.tls("admin").sslContext()).build();
      HttpClient asWorkers =
          HttpClient.newBuilder().sslContext(wallet.tls("workers").sslContext()).build();
      HttpResponse<String> rounds = get(asAdmin, evidence, null);
      assertThat(rounds.statusCode()).as(rounds.body()).isEqualTo(200);
      assertThat(rounds.body())
          .contains("\"round\":1", "\"round\":3", "rng.replay", "\"revealedServerSeed\"")
          .doesNotContain("\"passed\":false");
      assertThat(get(asAdmin, evidence.replace("/rounds", "/rounds/2"), null).body())
          .contains("\"round\":2");
      assertProblem(get(asWorkers, evidence, null), 403, "CALLER_NOT_AUTHORIZED");
      assertProblem(
          get(http, base + "/evidence/sessions/" + s.sessionId() + "/rounds", staff),
          401,
          "UNKNOWN_CALLER");
      // The replay check: an exported history replays on this build; a broken variant does not.
      String history =
          temporalClient.fetchHistory(SessionStart.workflowId(s.sessionId())).toJson(true);
      HttpResponse<String> replayed =
          post(
              asAdmin,
              evidence.replace("/sessions/" + s.sessionId() + "/rounds", "/replay"),
              history);
      assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
      assertThat(replayed.body()).contains("\"passed\":true", s.sessionId().toString());
      HttpResponse<String> broken =
          post(
              asAdmin,
              evidence.replace("/sessions/" + s.sessionId() + "/rounds", "/replay"),
              withoutFirstTimer(history));
      assertThat(broken.statusCode()).as(broken.body()).isEqualTo(200);
      assertThat(broken.body())
          .contains("\"passed\":false")
          .contains("during replay")
          .doesNotContain("\\tat ");
      assertProblem(
          post(
              asWorkers,
              evidence.replace("/sessions/" + s.sessionId() + "/rounds", "/replay"),
              history),
          403,
          "CALLER_NOT_AUTHORIZED");

      DevCertificates.Identity stranger =
          DevCertificates.in(Files.createTempDirectory("other-ca")).identity("admin");
      HttpClient foreignAdmin =
          HttpClient.newBuilder()
              .sslContext(
                  new ServiceTls(
                          stranger.certificate(), stranger.privateKey(), stranger.trustedCa())
                      .sslContext())
              .build();
      assertThatThrownBy(() -> get(foreignAdmin, evidence, null))
          .isInstanceOf(javax.net.ssl.SSLException.class);

      // Hand recall on the same port: a configured table that dealt no hand yet, and each bad
      // request named (HandRecallTest plays the hands).
      UUID tableId = app.getBean(TableProperties.class).configured().getFirst().tableId();
      String hands = "https://127.0.0.1:" + evidencePort + "/evidence/tables/" + tableId + "/hands";
      await("the configured table's first events")
          .atMost(Duration.ofMinutes(2))
          .until(() -> get(asAdmin, hands, null).statusCode() == 200);
      assertThat(get(asAdmin, hands, null).body())
          .contains("\"hands\":[]", "\"truncated\":false", tableId.toString());
      assertProblem(get(asAdmin, hands + "/1", null), 404, "UNKNOWN_HAND");
      assertProblem(
          get(asAdmin, hands.replace(tableId.toString(), UUID.randomUUID().toString()), null),
          404,
          "UNKNOWN_TABLE");
      assertProblem(get(asAdmin, hands + "?from=yesterday", null), 400, "INVALID_TIME_RANGE");
      assertProblem(
          get(asAdmin, hands + "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", null),
          400,
          "INVALID_TIME_RANGE");
      assertProblem(get(asAdmin, hands + "?limit=0", null), 400, "INVALID_LIMIT");
      assertProblem(get(asAdmin, hands + "?limit=501", null), 400, "INVALID_LIMIT");
      assertProblem(get(asAdmin, hands + "?limit=ten", null), 400, "INVALID_LIMIT");
      assertProblem(get(asAdmin, hands + "/first", null), 400, "VALIDATION_FAILED");
      assertProblem(get(asWorkers, hands, null), 403, "CALLER_NOT_AUTHORIZED");

      assertThat(last.statusCode()).isEqualTo(200);
      assertThat(last.body())
          .contains("\"round\":3", "\"round\":2", "\"round\":1", "rng.replay")
          .contains("\"passed\":true")
          .doesNotContain("\"passed\":false");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("UNKNOWN_SESSION");

      sessions.open(user, new GameRef("slot-classic", "1.0.0"), null, SessionOptions.DEFAULTS);
      Management management = Management.at(managementPort);
      Management.Health ready = management.readiness();
      assertThat(ready.httpStatus()).isEqualTo(200);
      assertThat(ready.components())
          .containsEntry("db", "UP")
          .containsEntry("temporal", "UP")
          .containsEntry("wallet", "UP")
          .containsEntry("sessionWorker", "UP")
          .doesNotContainKey("kafka");
      assertThat(management.liveness().status()).isEqualTo("UP");
      await()
          .atMost(Duration.ofSeconds(45))
          .untilAsserted(
              () -> {
                String scrape = management.prometheus();
                assertThat(
                        Management.sum(
                            scrape,
                            "croupier_game_rounds_total",
                            Map.of("game", "slot-classic@1.0.0", "application", "workers")))
                    // 3 rounds of the first session, 5 of the session chain
                    .isEqualTo(8);
                assertThat(
                        Management.sum(
                            scrape,
                            "grpc_client_seconds_count",
                            Map.of("rpc_method", "PostTransaction", "grpc_status_code", "OK")))
                    .isGreaterThanOrEqualTo(3);
                // The Temporal SDK's own meters, reported every 10 s.
                assertThat(
                        Management.sum(
                            scrape,
                            "temporal_workflow_task_execution_latency_seconds_count",
                            Map.of("workflow_type", "GameSessionWorkflow")))
                    .isPositive();
                assertThat(Management.sum(scrape, "hikaricp_connections_max", Map.of()))
                    .isPositive();
                // Readiness as meters, for alerts that name what is down.
                assertThat(Management.sum(scrape, "croupier_ready", Map.of())).isEqualTo(1);
                assertThat(
                        Management.sum(
                            scrape, "croupier_dependency_up", Map.of("component", "wallet")))
                    .isEqualTo(1);
                // The session left open, and the configured tables, as the workers count them.
                assertThat(
                        Management.sum(
                            scrape,
                            "croupier_game_sessions_open",
                            Map.of("game", "slot-classic@1.0.0")))
                    .isEqualTo(1);
                assertThat(Management.sum(scrape, "croupier_game_tables_open", Map.of()))
                    .isGreaterThanOrEqualTo(3);
              });
    }
  }

  @Test
  void appRefusesToStartWithoutASeedSealingKey(
      PostgresDatabase db, TemporalServer temporal, @TempDir Path tls) {
    DevCertificates.Identity workers = DevCertificates.in(tls).identity("workers");
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(WorkersApplication.class)
                    .run(
                        "--spring.datasource.url=" + db.url(),
                        "--spring.datasource.username=croupier_game",
                        "--spring.datasource.password=" + db.password(),
                        "--server.port=0",
                        "--management.server.port=0",
                        "--croupier.temporal.target=" + temporal.target(),
                        "--croupier.wallet.target=127.0.0.1:1",
                        "--croupier.wallet.tls.certificate=" + workers.certificate(),
                        "--croupier.wallet.tls.private-key=" + workers.privateKey(),
                        "--croupier.wallet.tls.trusted-ca=" + workers.trustedCa(),
                        "--croupier.seeds.sealing-keys=",
                        "--croupier.tables.open=false")
                    .close())
        .hasStackTraceContaining("croupier.seeds");
  }

  private static HttpResponse<String> get(HttpClient http, String url, String bearer)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(HttpClient http, String url, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The history with its first timer's start taken out and the events renumbered. */
  private static String withoutFirstTimer(String json) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode doc =
        (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json);
    com.fasterxml.jackson.databind.node.ArrayNode events =
        (com.fasterxml.jackson.databind.node.ArrayNode) doc.get("events");
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).path("eventType").asText().endsWith("TIMER_STARTED")) {
        events.remove(i);
        break;
      }
    }
    for (int i = 0; i < events.size(); i++) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) events.get(i))
          .put("eventId", String.valueOf(i + 1));
    }
    return mapper.writeValueAsString(doc);
  }

  /**
   * A session across continue-as-new on the dev server (2 rounds a run, 5 rounds), closed: every
   * run's history, first to last, to {@code target/histories/session-chain/run-<k>.json} and, with
   * {@code -Dcroupier.write-histories=true}, over the fixtures {@code HistoryReplayTest} replays.
   */
  private static void writeSessionChain(GameSessions sessions, WorkflowClient temporal, UUID user)
      throws Exception {
    OpenedSession chained =
        sessions.open(
            user,
            new GameRef("slot-classic", "1.0.0"),
            null,
            SessionOptions.DEFAULTS.withContinueAsNewEvery(2));
    for (int i = 0; i < 5; i++) {
      sessions.placeBet(user, chained.sessionId(), "chain-" + i, new Wager(200, Wager.COIN));
    }
    sessions.close(user, chained.sessionId());
    String workflowId = SessionStart.workflowId(chained.sessionId());
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    WorkflowExecutionHistory run = temporal.fetchHistory(workflowId);
    while (run != null) {
      runs.addFirst(run);
      String previous =
          run.getEvents()
              .getFirst()
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
      run = previous.isEmpty() ? null : temporal.fetchHistory(workflowId, previous);
    }
    assertThat(runs)
        .as("runs of a 5-round session continuing as new every 2")
        .hasSizeGreaterThan(2);
    List<Path> folders = new ArrayList<>(List.of(Path.of("target/histories/session-chain")));
    if (Boolean.getBoolean("croupier.write-histories")) {
      folders.add(Path.of("../workflow-client/src/test/resources/histories/session-chain"));
    }
    for (Path folder : folders) {
      Files.createDirectories(folder);
      for (int k = 0; k < runs.size(); k++) {
        Files.writeString(folder.resolve("run-" + (k + 1) + ".json"), runs.get(k).toJson(true));
      }
    }
  }

  private static void assertProblem(HttpResponse<String> r, int status, String code) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(r.body()).contains("\"code\":\"" + code + "\"");
  }

  private static KeyPair rsaKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static String publicPem(KeyPair key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** An access token as the gateway signs it. */
  private static String token(KeyPair key, UUID subject, List<String> roles) throws Exception {
    RSAKey jwk = new RSAKey.Builder((RSAPublicKey) key.getPublic()).build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(new JOSEObjectType("at+jwt"))
                .keyID(jwk.computeThumbprint().toString())
                .build(),
            new JWTClaimsSet.Builder()
                .issuer("urn:croupier:identity")
                .audience("croupier")
                .subject(subject.toString())
                .issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", roles)
                .build());
    jwt.sign(new RSASSASigner(key.getPrivate()));
    return jwt.serialize();
  }
}
