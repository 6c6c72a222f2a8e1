package dev.croupier.workers.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.activities.compliance.ComplianceActivitiesImpl;
import dev.croupier.activities.game.GamePluginActivitiesImpl;
import dev.croupier.activities.game.SeedActivitiesImpl;
import dev.croupier.activities.ledger.LedgerActivitiesImpl;
import dev.croupier.activities.projection.SessionProjectionActivitiesImpl;
import dev.croupier.client.CallSettings;
import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.client.sessions.GameSessions;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.Wager;
import dev.croupier.gamestore.projection.SessionProjection;
import dev.croupier.gamestore.tables.TableEventOutbox;
import dev.croupier.outbox.OutboxRelay;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.WorkerProcess;
import dev.croupier.workflows.session.BetOutcome;
import dev.croupier.workflows.session.ComplianceAlert;
import dev.croupier.workflows.session.GameSessionWorkflow;
import dev.croupier.workflows.session.GameSessionWorkflowImpl;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.ReviewResolution;
import dev.croupier.workflows.session.RoundPosting;
import dev.croupier.workflows.session.SessionAccounts;
import dev.croupier.workflows.session.SessionOptions;
import dev.croupier.workflows.session.SessionStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A deliberately inconsistent ledger row, on a real Temporal server with the real wallet, outbox
 * relay and Kafka broker: a round transaction posted under the session's next round key whose win
 * is one the game can never pay. The session adopts it (the orphan path), finds that the round
 * replays to another win, and then takes no bet ({@code SESSION_UNDER_REVIEW}, the session alive
 * and open) until the alert is resolved; the alert reaches {@code compliance.alerts} with both
 * versions and is counted once.
 */
@ExtendWith({PostgresExtension.class, TemporalServerExtension.class, KafkaExtension.class})
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MismatchHoldsSessionTest {
  // Above any slot-classic payout at this stake: the replay can never agree with it.
  static final long IMPOSSIBLE_WIN = 987_654_321;
  static final Wager STAKE = new Wager(100, Wager.COIN);

  @Test
  void aRoundWhoseLedgerWinDiffersFromItsReplayHoldsBettingUntilComplianceResolvesIt(
      PostgresDatabase db, TemporalServer temporal, KafkaBroker kafka) throws Exception {
    String queue = "mismatch-" + UUID.randomUUID();
    String topic = KafkaTopics.create(kafka.bootstrapServers(), "compliance.alerts", 3);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (TestWallet wallet = TestWallet.start(db);
        HikariDataSource ds = db.dataSource(6);
        Stack stack = new Stack(temporal, wallet, ds, queue, meters, topic);
        OutboxRelay relay =
            new OutboxRelay(
                ds,
                new TableEventOutbox(DSL.using(ds, SQLDialect.POSTGRES)),
                new OutboxRelay.Settings(
                    "table-outbox",
                    kafka.bootstrapServers(),
                    50,
                    Duration.ofMillis(50),
                    Duration.ofSeconds(30)));
        KafkaTopics.JsonReader alerts =
            new KafkaTopics.JsonReader(kafka.bootstrapServers(), topic)) {
      relay.start();
      UUID user = UUID.randomUUID();
      wallet.grant(user, 100_000);
      OpenedSession s =
          stack.sessions.open(
              user,
              SessionLoad.SLOT,
              "seed-" + user,
              SessionOptions.DEFAULTS.withIdleTimeout(Duration.ofMinutes(5)));
      BetOutcome first = stack.sessions.placeBet(user, s.sessionId(), "spin-1", STAKE);
      assertThat(first.last().round()).isEqualTo(1);

      // The inconsistent row: round 2 posted by a request the session never saw, with a win the
      // game cannot pay.
      LedgerActivitiesImpl ledger = new LedgerActivitiesImpl(wallet.stub(), Duration.ofSeconds(5));
      SessionAccounts accounts = ledger.openAccounts(user, Wager.COIN);
      String key = "session-" + s.sessionId() + "/round-2";
      long rogue =
          ledger
              .postRound(
                  new RoundPosting(
                      key,
                      s.sessionId(),
                      2,
                      "ghost-request",
                      1,
                      "seed-" + user,
                      SessionLoad.SLOT.toString(),
                      accounts,
                      STAKE.amount(),
                      IMPOSSIBLE_WIN,
                      0,
                      false))
              .transactionId();

      assertThatThrownBy(() -> stack.sessions.placeBet(user, s.sessionId(), "spin-2", STAKE))
          .isInstanceOfSatisfying(
              CroupierException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_UNDER_REVIEW));
      // Held, not dead: the next bet is refused the same way, and the session is open.
      assertThatThrownBy(() -> stack.sessions.placeBet(user, s.sessionId(), "spin-3", STAKE))
          .isInstanceOfSatisfying(
              CroupierException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_UNDER_REVIEW));
      assertThat(stack.sessions.state(user, s.sessionId()).status()).isEqualTo(SessionStatus.OPEN);

      // The alert, once on the topic, keyed by the session, with both versions.
      String alertId = ComplianceAlert.idOf(s.sessionId(), 2);
      List<ConsumerRecord<String, String>> read =
          await().atMost(Duration.ofSeconds(30)).until(alerts::poll, r -> !r.isEmpty());
      assertThat(read).hasSize(1);
      assertThat(read.getFirst().key()).isEqualTo(s.sessionId().toString());
      JsonNode alert = new ObjectMapper().readTree(read.getFirst().value());
      assertThat(alert.get("alertId").asText()).isEqualTo(alertId);
      assertThat(alert.get("kind").asText()).isEqualTo(ComplianceAlert.ROUND_MISMATCH);
      assertThat(alert.get("round").asLong()).isEqualTo(2);
      assertThat(alert.get("userId").asText()).isEqualTo(user.toString());
      assertThat(alert.at("/ledger/transactionId").asLong()).isEqualTo(rogue);
      assertThat(alert.at("/ledger/win").asLong()).isEqualTo(IMPOSSIBLE_WIN);
      assertThat(alert.at("/ledger/requestId").asText()).isEqualTo("ghost-request");
      long replayedWin = alert.at("/replayed/win").asLong();
      assertThat(replayedWin).isNotEqualTo(IMPOSSIBLE_WIN);
      assertThat(alert.at("/replayed/outcome").isObject()).isTrue();
      assertThat(alert.at("/replayed/outcome").size()).isPositive();
      // The projection holds the replayed round, so recall shows the disagreement too.
      DSLContext dsl = DSL.using(ds, SQLDialect.POSTGRES);
      assertThat(dsl.fetchValue("select total_win from game.rounds where ledger_key = ?", key))
          .isEqualTo(replayedWin);
      assertThat(meters.counter(ComplianceActivitiesImpl.ALERTS, "kind", "ROUND_MISMATCH").count())
          .isEqualTo(1.0);

      GameSessionWorkflow workflow =
          stack.client.newWorkflowStub(GameSessionWorkflow.class, "session-" + s.sessionId());
      // Resolving another alert changes nothing.
      workflow.resolveReview(
          new ReviewResolution(ComplianceAlert.idOf(s.sessionId(), 7), "compliance@test", "x"));
      assertThatThrownBy(() -> stack.sessions.placeBet(user, s.sessionId(), "spin-4", STAKE))
          .isInstanceOfSatisfying(
              CroupierException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_UNDER_REVIEW));

      workflow.resolveReview(new ReviewResolution(alertId, "compliance@test", "ledger checked"));
      BetOutcome after =
          await()
              .atMost(Duration.ofSeconds(30))
              .ignoreException(CroupierException.class)
              .until(
                  () -> stack.sessions.placeBet(user, s.sessionId(), "spin-5", STAKE),
                  o -> o != null);
      assertThat(after.last().round()).isEqualTo(3);
      stack.sessions.close(user, s.sessionId());
      assertThat(alerts.poll()).hasSize(1);
      assertThat(meters.counter(ComplianceActivitiesImpl.ALERTS, "kind", "ROUND_MISMATCH").count())
          .isEqualTo(1.0);
    }
  }

  /**
   * The session workflow and its real activities, alerts included, on a task queue of this test.
   */
  static final class Stack implements AutoCloseable {
    final WorkflowServiceStubs service;
    final WorkflowClient client;
    final GameSessions sessions;
    final WorkerFactory factory;

    Stack(
        TemporalServer temporal,
        TestWallet wallet,
        HikariDataSource ds,
        String queue,
        SimpleMeterRegistry meters,
        String topic) {
      service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      client =
          WorkflowClient.newInstance(
              service,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(temporal.settings().namespace())
                  .setDataConverter(
                      SeedSealing.fromBase64(WorkerProcess.SEED_SEALING_KEYS).dataConverter())
                  .build());
      sessions =
          new GameSessions(
              client, new CallSettings(queue, Duration.ofSeconds(5), Duration.ofSeconds(60)));
      DSLContext dsl = DSL.using(ds, SQLDialect.POSTGRES);
      factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker(queue);
      worker.registerWorkflowImplementationTypes(GameSessionWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new GamePluginActivitiesImpl(GameRegistry.load(getClass().getClassLoader())),
          new SeedActivitiesImpl(new SecureRandom()),
          new LedgerActivitiesImpl(wallet.stub(), Duration.ofSeconds(5)),
          new SessionProjectionActivitiesImpl(new SessionProjection(dsl)),
          new ComplianceActivitiesImpl(
              new TableEventOutbox(dsl), new ObjectMapper(), meters, topic));
      factory.start();
    }

    @Override
    public void close() {
      factory.shutdownNow();
      factory.awaitTermination(10, TimeUnit.SECONDS);
      service.shutdownNow();
    }
  }
}
