package dev.croupier.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.client.sessions.GameSessions;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.Wager;
import dev.croupier.testsupport.Management;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TcpProxy;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The workers app's readiness tells the truth while players bet: PostgreSQL (cut by a proxy of the
 * test's own; the shared server never stops), then the app's Kafka broker, then the wallet are
 * taken away in turn. Each time readiness goes DOWN naming that dependency, with its reason, and
 * comes back UP once it returns; liveness stays UP. Bets placed meanwhile are either answered or,
 * once sent again with the same request id, answered then: every bet is posted exactly once and
 * projected.
 */
@ExtendWith({PostgresExtension.class, TemporalServerExtension.class})
class WorkersReadinessTest {
  private static final GameRef SLOT = new GameRef("slot-classic", "1.0.0");
  private static final Wager WAGER = new Wager(100, Wager.COIN);

  /** One bet as the test sent it. */
  record Bet(UUID user, UUID session, String requestId) {}

  @Test
  void readinessNamesPostgresThenKafkaThenTheWalletWhileEachIsAwayAndNoBetIsLost(
      PostgresDatabase db, TemporalServer temporal) throws Exception {
    Path kafkaDir = Files.createTempDirectory("croupier-kafka-workers-readiness-");
    int kafkaPort = Ports.freePort();
    KafkaBroker broker =
        KafkaBroker.start(Ports.LOOPBACK, kafkaPort, kafkaDir, kafkaDir.resolve("kafka.log"));
    int managementPort = Ports.freePort();
    AtomicBoolean betting = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Bet> answered = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Bet> failed = new ConcurrentLinkedQueue<>();
    List<Thread> bettors = new ArrayList<>();
    try (TestWallet wallet = TestWallet.start(db);
        TcpProxy proxy = db.proxy();
        ConfigurableApplicationContext app =
            start(db.through(proxy), temporal, wallet, broker, managementPort)) {
      Management management = Management.at(managementPort);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> management.readiness().httpStatus() == 200);
      assertThat(management.readiness().components())
          .containsEntry("db", "UP")
          .containsEntry("temporal", "UP")
          .containsEntry("wallet", "UP")
          .containsEntry("kafka", "UP")
          .containsEntry("sessionWorker", "UP");

      GameSessions sessions = app.getBean(GameSessions.class);
      AtomicInteger next = new AtomicInteger();
      for (int i = 0; i < 4; i++) {
        UUID user = UUID.randomUUID();
        wallet.grant(user, 1_000_000);
        OpenedSession s =
            sessions.open(
                user, SLOT, null, SessionOptions.DEFAULTS.withIdleTimeout(Duration.ofMinutes(30)));
        bettors.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      while (betting.get()) {
                        Bet bet = new Bet(user, s.sessionId(), "ready-" + next.incrementAndGet());
                        try {
                          sessions.placeBet(bet.user(), bet.session(), bet.requestId(), WAGER);
                          answered.add(bet);
                        } catch (RuntimeException e) {
                          failed.add(bet);
                        }
                      }
                    }));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 8);

      proxy.cut();
      awaitDownBecauseOf(management, "db");
      proxy.restore();
      awaitReady(management);

      broker.close();
      awaitDownBecauseOf(management, "kafka");
      assertThat(management.readiness().error("kafka")).contains("Kafka is unreachable");
      broker =
          KafkaBroker.start(Ports.LOOPBACK, kafkaPort, kafkaDir, kafkaDir.resolve("kafka.log"));
      awaitReady(management);

      wallet.stop();
      awaitDownBecauseOf(management, "wallet");
      assertThat(management.readiness().error("wallet")).contains("croupier.wallet.v1.Wallet");
      wallet.restart();
      awaitReady(management);
      int before = answered.size();
      await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= before + 8);

      betting.set(false);
      for (Thread t : bettors) {
        t.join(Duration.ofSeconds(90));
      }
      // A bet that was not answered is sent again with its request id, as a client does.
      List<Bet> retried = new ArrayList<>(failed);
      for (Bet bet : retried) {
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .untilAsserted(
                () -> sessions.placeBet(bet.user(), bet.session(), bet.requestId(), WAGER));
      }

      List<Bet> all = new ArrayList<>(answered);
      all.addAll(retried);
      assertThat(all).hasSizeGreaterThan(16);
      for (Bet bet : all) {
        assertThat(
                count(
                    db,
                    "select count(*) from wallet.transaction where kind = 'BET_AND_WIN'"
                        + " and metadata->>'requestId' = ?",
                    bet.requestId()))
            .as("ledger posts of bet %s", bet.requestId())
            .isEqualTo(1);
      }
      assertThat(count(db, "select count(*) from wallet.transaction where kind = 'BET_AND_WIN'"))
          .isEqualTo(all.size());
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(count(db, "select count(*) from game.rounds")).isEqualTo(all.size()));
      assertThat(management.liveness().status()).isEqualTo("UP");
      // The outages failed local activity attempts, which were retried: the SDK counts them.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          management.metric(
                              "temporal_local_activity_execution_failed_total",
                              Map.of("workflow_type", "GameSessionWorkflow")))
                      .isPositive());
    } finally {
      betting.set(false);
      broker.close();
    }
  }

  private static void awaitDownBecauseOf(Management management, String component) {
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              Management.Health h = management.readiness();
              assertThat(h.downBecauseOf(component)).as(h.body().toString()).isTrue();
            });
    assertThat(management.liveness().status()).isEqualTo("UP");
  }

  private static void awaitReady(Management management) {
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              Management.Health h = management.readiness();
              assertThat(h.httpStatus()).as(h.body().toString()).isEqualTo(200);
            });
  }

  private static ConfigurableApplicationContext start(
      PostgresDatabase db,
      TemporalServer temporal,
      TestWallet wallet,
      KafkaBroker broker,
      int managementPort) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=croupier_game",
                "--spring.datasource.password=" + db.password(),
                "--server.port=0",
                "--management.server.port=" + managementPort,
                "--croupier.temporal.target=" + temporal.target(),
                "--croupier.temporal.task-queue=workers-readiness-" + UUID.randomUUID(),
                "--croupier.seeds.sealing-keys=" + WorkerProcess.SEED_SEALING_KEYS,
                "--croupier.tables.open=false",
                "--croupier.tables.relay.bootstrap-servers=" + broker.bootstrapServers()));
    args.addAll(wallet.clientArguments(ServiceNames.WORKERS));
    return new SpringApplicationBuilder(WorkersApplication.class).run(args.toArray(String[]::new));
  }

  private static long count(PostgresDatabase db, String sql, Object... params) throws Exception {
    try (Connection c = db.connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
