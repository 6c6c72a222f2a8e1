package dev.croupier.workers.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.client.CallSettings;
import dev.croupier.client.sessions.GameSessions;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.rng.Commitment;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.Soak;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.TemporalProperties;
import dev.croupier.workers.WorkerProcess;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.SessionOptions;
import dev.croupier.workflows.session.SessionStart;
import dev.croupier.workflows.session.SessionStatus;
import dev.croupier.workflows.session.SessionSummary;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once settlement while the worker JVM is killed with SIGKILL at random moments, a restart
 * after each: 40 sessions, over 800 bets and at least 4 kills in the suite; 100 sessions, over
 * 2,000 bets and at least 10 kills under {@code -Dcroupier.soak=true} (see {@link Soak}). The
 * Temporal server (the dev server, or the Java test server where Go is absent) and the worker are
 * separate processes; the real wallet runs in this JVM over PostgreSQL.
 */
@ExtendWith(PostgresExtension.class)
// A hang (no worker left, a task retried forever) fails the run instead of blocking it; 150-300 s
// normally at the soak size.
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class ExactlyOnceUnderWorkerCrashesTest {
  private static final Logger log =
      LoggerFactory.getLogger(ExactlyOnceUnderWorkerCrashesTest.class);
  static final int SESSIONS = Soak.size("crash.sessions", 40, 100);
  static final int MIN_BETS_PER_SESSION = 21;
  static final int MIN_KILLS = Soak.size("crash.kills", 4, 10);
  static final Path HISTORIES = Path.of("target/histories");

  @Test
  void everyAcceptedRoundIsPostedExactlyOnceAcrossWorkerKills(PostgresDatabase db)
      throws Exception {
    try (TemporalServer temporal = TemporalServerExtension.startServer("crash");
        TestWallet wallet = TestWallet.start(db);
        WorkerProcess worker =
            new WorkerProcess(temporal, wallet, db, Path.of("target/logs/crash-worker.log"))) {
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              service,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(temporal.settings().namespace())
                  .build());
      GameSessions sessions =
          new GameSessions(
              client,
              new CallSettings(
                  TemporalProperties.DEFAULT_TASK_QUEUE,
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(120)));
      worker.start();
      worker.awaitReady(Duration.ofSeconds(90));

      SessionLoad load = new SessionLoad(sessions);
      SessionOptions options =
          SessionOptions.DEFAULTS.withIdleTimeout(Duration.ofMinutes(10)).withContinueAsNewEvery(8);
      List<OpenedSession> open = load.open(wallet, SESSIONS, options);

      AtomicInteger kills = new AtomicInteger();
      Random random = new Random(42);
      // Each kill comes after a random amount of fresh progress (150-230 more rounds answered), so
      // that it lands at a random point of steady betting rather than during the restart.
      AtomicLong nextKillAt = new AtomicLong(150 + random.nextInt(80));
      ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
      killer.scheduleWithFixedDelay(
          () -> {
            if (worker.restartIfDead()) {
              log.warn("the worker exited on its own (a failed start); started it again");
              return;
            }
            if (load.accepted.size() < nextKillAt.get()) {
              return;
            }
            try {
              worker.kill();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            log.info(
                "kill {} after {} answered rounds", kills.incrementAndGet(), load.accepted.size());
            nextKillAt.set(load.accepted.size() + 150 + random.nextInt(80));
            worker.start();
          },
          100,
          10 + random.nextInt(90),
          TimeUnit.MILLISECONDS);
      load.bet(open, "bet", MIN_BETS_PER_SESSION, () -> kills.get() < MIN_KILLS);
      killer.shutdown();
      assertThat(killer.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
      worker.awaitReady(Duration.ofSeconds(90));
      long acceptedDuringKills =
          load.accepted.stream().map(SessionLoad.Accepted::key).distinct().count();

      // Every session still takes a bet, then closes normally and reveals its committed seed.
      load.bet(open, "after", 1, () -> false);
      List<Future<SessionSummary>> closing = new ArrayList<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (OpenedSession s : open) {
          closing.add(
              pool.submit(() -> sessions.close(load.users.get(s.sessionId()), s.sessionId())));
        }
      }
      int closed = 0;
      for (int i = 0; i < open.size(); i++) {
        SessionSummary summary = closing.get(i).get();
        assertThat(summary.status()).isEqualTo(SessionStatus.CLOSED);
        assertThat(new Commitment(open.get(i).commitment()).matches(summary.revealedServerSeed()))
            .isTrue();
        closed++;
      }

      LedgerAudit audit = new LedgerAudit(db);
      Map<String, Long> ledger = audit.roundTransactions();
      Map<String, Long> projected = audit.projectedRounds();
      Map<String, String> requestOfRound = new HashMap<>();
      long roundsGivenToTwoRequests = 0;
      long acceptedMismatches = 0;
      for (SessionLoad.Accepted a : load.accepted) {
        String earlier = requestOfRound.putIfAbsent(a.key(), a.requestId());
        if (earlier != null && !earlier.equals(a.requestId())) {
          roundsGivenToTwoRequests++;
        }
        if (!Long.valueOf(a.round().ledgerTransactionId()).equals(ledger.get(a.key()))) {
          acceptedMismatches++;
        }
      }
      long stakesWithoutSettlement = audit.roundsWithoutSettlement();
      long currenciesOff = audit.currenciesNotSummingToZero();
      long balancesOff = audit.playerBalancesOffTheirEntries();
      long playersOffRounds = audit.playersOffTheirRounds(SessionLoad.GRANT);
      long interruptedTasks = saveHistories(client, open);

      log.info(
          "CRASH TEST: server={} sessions={} kills={} rounds answered={} (during kills {}) "
              + "client retries={} ledger round transactions={} projected rounds={} "
              + "answered rounds not posted exactly once={} rounds answered to two requests={} "
              + "stakes without settlement={} "
              + "currencies not summing to zero={} player balances off their entries={} "
              + "players off their rounds={} sessions closed normally={} "
              + "workflow tasks lost with a worker={}",
          temporal.kind(),
          open.size(),
          kills.get(),
          requestOfRound.size(),
          acceptedDuringKills,
          load.retries.get(),
          ledger.size(),
          projected.size(),
          acceptedMismatches,
          roundsGivenToTwoRequests,
          stakesWithoutSettlement,
          currenciesOff,
          balancesOff,
          playersOffRounds,
          closed,
          interruptedTasks);

      assertThat(load.errors).isEmpty();
      assertThat(open).hasSize(SESSIONS);
      assertThat(kills.get()).isGreaterThanOrEqualTo(MIN_KILLS);
      assertThat(acceptedDuringKills).isGreaterThanOrEqualTo(20L * SESSIONS);
      assertThat(acceptedMismatches).isZero();
      assertThat(roundsGivenToTwoRequests).isZero();
      assertThat(ledger.keySet()).containsAll(requestOfRound.keySet());
      // Rounds the ledger holds but no client saw were adopted: projected like the others.
      assertThat(projected).isEqualTo(ledger);
      assertThat(stakesWithoutSettlement).isZero();
      assertThat(currenciesOff).isZero();
      assertThat(balancesOff).isZero();
      assertThat(playersOffRounds).isZero();
      assertThat(closed).isEqualTo(SESSIONS);
      assertThat(interruptedTasks).isPositive();
      service.shutdownNow();
    }
  }

  /**
   * Saves histories for the replay tests: a run that a worker kill interrupted (it holds a timed
   * out or failed workflow task) and one ordinary run. Copy them to
   * workflow-client/src/test/resources/histories to re-capture (see workflows/README.md).
   */
  private static long saveHistories(WorkflowClient client, List<OpenedSession> open)
      throws Exception {
    Files.createDirectories(HISTORIES);
    long interrupted = 0;
    boolean savedInterrupted = false;
    for (OpenedSession s : open) {
      String workflowId = SessionStart.workflowId(s.sessionId());
      WorkflowExecutionHistory history = client.fetchHistory(workflowId);
      while (history != null) {
        long lost =
            history.getEvents().stream()
                .filter(
                    e ->
                        e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT
                            || e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
                .count();
        interrupted += lost;
        if (lost > 0 && !savedInterrupted) {
          Files.writeString(
              HISTORIES.resolve("session-crash-interrupted.json"), history.toJson(true));
          savedInterrupted = true;
        }
        String previous =
            history
                .getEvents()
                .get(0)
                .getWorkflowExecutionStartedEventAttributes()
                .getContinuedExecutionRunId();
        history = previous.isEmpty() ? null : client.fetchHistory(workflowId, previous);
      }
    }
    Files.writeString(
        HISTORIES.resolve("session-closed.json"),
        client
            .fetchHistory(SessionStart.workflowId(open.get(open.size() - 1).sessionId()))
            .toJson(true));
    return interrupted;
  }
}
