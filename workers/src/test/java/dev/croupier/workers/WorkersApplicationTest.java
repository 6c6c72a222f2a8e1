package dev.croupier.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.client.sessions.GameSessions;
import dev.croupier.client.testing.HistoryPayloads;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.Wager;
import dev.croupier.testsupport.Management;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.SessionOptions;
import dev.croupier.workflows.session.SessionStart;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
    int managementPort = Ports.freePort();
    try (TestWallet wallet = TestWallet.start(db);
        ConfigurableApplicationContext app =
            new SpringApplicationBuilder(WorkersApplication.class)
                .run(
                    "--spring.datasource.url=" + db.url(),
                    "--spring.datasource.username=" + db.user(),
                    "--spring.datasource.password=" + db.password(),
                    "--server.port=" + port,
                    "--management.server.port=" + managementPort,
                    "--croupier.temporal.target=" + temporal.target(),
                    "--croupier.temporal.task-queue=workers-app-test",
                    // No broker in this test: the table outbox is relayed in TableEventRelayTest.
                    "--croupier.tables.relay.enabled=false",
                    "--croupier.wallet.target=" + wallet.target(),
                    "--croupier.wallet.service-token-key=" + wallet.serviceTokenKey(),
                    "--croupier.seeds.sealing-keys=" + WorkerProcess.SEED_SEALING_KEYS)) {
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
      // What ops see in the Web UI while the session is open: the commitment, never the seed.
      assertThat(beforeReveal)
          .doesNotContain(revealed)
          .contains(s.commitment())
          .containsPattern("sealed:v1:[0-9a-f]{16}:");

      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + port;
      HttpResponse<String> last = get(http, base + "/recall/users/" + user + "/last-games");
      HttpResponse<String> missing =
          get(http, base + "/recall/sessions/" + s.sessionId() + "/rounds/99");

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
                    .isEqualTo(3);
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
  void appRefusesToStartWithoutASeedSealingKey(PostgresDatabase db, TemporalServer temporal) {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(WorkersApplication.class)
                    .run(
                        "--spring.datasource.url=" + db.url(),
                        "--spring.datasource.username=" + db.user(),
                        "--spring.datasource.password=" + db.password(),
                        "--server.port=0",
                        "--management.server.port=0",
                        "--croupier.temporal.target=" + temporal.target(),
                        "--croupier.wallet.target=127.0.0.1:1",
                        "--croupier.wallet.service-token-key=" + SeedSealing.newKey(),
                        "--croupier.seeds.sealing-keys=",
                        "--croupier.tables.open=false")
                    .close())
        .hasStackTraceContaining("croupier.seeds");
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
