package dev.croupier.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.client.sessions.GameSessions;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.devstack.TemporalSettings;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.Wager;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.sessions.WorkerStarter;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.SessionOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The workers app starts while Temporal does not answer yet: it stays up, says it waits, retries
 * with a growing wait, and polls as soon as Temporal comes; sessions then play as usual.
 */
@ExtendWith(PostgresExtension.class)
class WorkersStartBeforeTemporalTest {

  @Test
  void theAppWaitsForALateTemporalInsteadOfExitingAndThenServesSessions(PostgresDatabase db)
      throws Exception {
    TemporalSettings settings =
        new TemporalSettings(
            Ports.LOOPBACK, Ports.freePort(), Ports.freePort(), TemporalSettings.DEFAULT_NAMESPACE);
    int managementPort = Ports.freePort();
    Path dir = Files.createTempDirectory("croupier-late-temporal-");
    try (TestWallet wallet = TestWallet.start(db);
        ConfigurableApplicationContext app =
            new SpringApplicationBuilder(WorkersApplication.class)
                .run(
                    "--spring.datasource.url=" + db.url(),
                    "--spring.datasource.username=croupier_game",
                    "--spring.datasource.password=" + db.password(),
                    "--server.port=0",
                    "--management.server.port=" + managementPort,
                    "--croupier.temporal.target=" + settings.target(),
                    "--croupier.temporal.task-queue=late-temporal-test",
                    "--croupier.temporal.start-retry.first=200ms",
                    "--croupier.temporal.start-retry.max=1s",
                    "--croupier.tables.open=false",
                    "--croupier.tables.relay.enabled=false",
                    "--croupier.wallet.target=" + wallet.target(),
                    "--croupier.wallet.tls.certificate=" + wallet.tls("workers").certificate(),
                    "--croupier.wallet.tls.private-key=" + wallet.tls("workers").privateKey(),
                    "--croupier.wallet.tls.trusted-ca=" + wallet.tls("workers").trustedCa(),
                    "--croupier.seeds.sealing-keys=" + WorkerProcess.SEED_SEALING_KEYS)) {
      WorkerStarter starter = app.getBean(WorkerStarter.class);
      // Readiness names the worker's state (its details are shown on the loopback management port).
      String health = "http://127.0.0.1:" + managementPort + "/actuator/health/readiness";

      // Nothing listens on Temporal's port: the app is up anyway, and says what it waits for.
      assertThat(app.isActive()).isTrue();
      assertThat(get(health)).contains("\"WAITING_FOR_TEMPORAL\"");
      await().atMost(Duration.ofSeconds(30)).until(() -> starter.attempts() >= 3);
      assertThat(starter.state()).isEqualTo(WorkerStarter.State.WAITING_FOR_TEMPORAL);

      try (TemporalServer temporal =
          TemporalServer.start(settings, dir, dir.resolve("temporal.log"), line -> {})) {
        await()
            .atMost(Duration.ofMinutes(2))
            .until(() -> starter.state() == WorkerStarter.State.POLLING);
        assertThat(get(health)).contains("\"POLLING\"");
        assertThat(app.isActive()).isTrue();

        GameSessions sessions = app.getBean(GameSessions.class);
        UUID user = UUID.randomUUID();
        long account = wallet.grant(user, 100_000);
        OpenedSession s =
            sessions.open(
                user, new GameRef("slot-classic", "1.0.0"), null, SessionOptions.DEFAULTS);
        long balance =
            sessions.placeBet(user, s.sessionId(), "late-1", new Wager(200, Wager.COIN)).balance();
        assertThat(balance).isEqualTo(wallet.balance(account));
        assertThat(sessions.close(user, s.sessionId()).revealedServerSeed())
            .matches("[0-9a-f]{64}");
      }
    }
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).GET().build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
