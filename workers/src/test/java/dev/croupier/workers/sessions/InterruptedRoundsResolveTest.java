package dev.croupier.workers.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.client.sessions.GameSessions;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.api.Wager;
import dev.croupier.games.rng.Commitment;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.InProcessWorker;
import dev.croupier.workflows.session.BetOutcome;
import dev.croupier.workflows.session.BetRequest;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.SessionOptions;
import dev.croupier.workflows.session.SessionStart;
import dev.croupier.workflows.session.SessionStatus;
import dev.croupier.workflows.session.SessionSummary;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A player sends a bet and vanishes before the answer, and never comes back. The round still
 * resolves: it is posted with its stake and its settlement in one transaction, projected, and the
 * idle timer closes the session and reveals the seed.
 */
@ExtendWith({PostgresExtension.class, TemporalServerExtension.class})
class InterruptedRoundsResolveTest {

  @Test
  void roundOfAClientThatDisconnectsMidRoundIsSettledAndTheIdleCloseRevealsTheSeed(
      PostgresDatabase db, TemporalServer temporal) throws Exception {
    try (TestWallet wallet = TestWallet.start(db);
        InProcessWorker worker = new InProcessWorker(temporal, wallet, db, "interrupted-rounds")) {
      UUID user = UUID.randomUUID();
      wallet.grant(user, SessionLoad.GRANT);
      OpenedSession s =
          worker.sessions.open(
              user,
              SessionLoad.SLOT,
              "vanishing-player",
              SessionOptions.DEFAULTS.withIdleTimeout(Duration.ofSeconds(3)));
      String workflowId = SessionStart.workflowId(s.sessionId());

      // The player's connection: it sends the bet, then drops before the outcome comes back.
      WorkflowServiceStubs connection =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      BetRequest bet = BetRequest.single("vanish-1", user, new Wager(500, Wager.COIN));
      WorkflowClient.newInstance(
              connection,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(temporal.settings().namespace())
                  .build())
          .newUntypedWorkflowStub(workflowId)
          .startUpdate(
              UpdateOptions.newBuilder(BetOutcome.class)
                  .setUpdateName("placeBet")
                  .setUpdateId(GameSessions.updateId(bet))
                  .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
                  .build(),
              bet);
      connection.shutdownNow();

      SessionSummary summary =
          worker
              .client
              .newUntypedWorkflowStub(workflowId)
              .getResult(60, TimeUnit.SECONDS, SessionSummary.class);

      assertThat(summary.status()).isEqualTo(SessionStatus.CLOSED_IDLE);
      assertThat(summary.totals().rounds()).isEqualTo(1);
      assertThat(new Commitment(s.commitment()).matches(summary.revealedServerSeed())).isTrue();
      LedgerAudit audit = new LedgerAudit(db);
      String key = "session-" + s.sessionId() + "/round-1";
      assertThat(audit.roundTransactions()).containsOnlyKeys(key);
      assertThat(audit.projectedRounds()).isEqualTo(audit.roundTransactions());
      assertThat(audit.roundsWithoutSettlement()).isZero();
      assertThat(audit.playersOffTheirRounds(SessionLoad.GRANT)).isZero();
      assertThat(
              audit.count(
                  "select count(*) from game.sessions where status = 'CLOSED_IDLE'"
                      + " and revealed_server_seed is not null and session_id = '"
                      + s.sessionId()
                      + "'"))
          .isOne();
    }
  }
}
