package dev.croupier.client.sessions;

import dev.croupier.client.CallSettings;
import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.client.testing.SealedTestEnvironment;
import dev.croupier.workflows.session.GameSessionWorkflowImpl;
import dev.croupier.workflows.session.SeedActivities;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;

/**
 * The time-skipping test server with the session search attributes and a session worker on one task
 * queue: the real plugins, the given seeds sealed as the workers seal them, the in-memory ledger
 * and projection, compliance alerts recorded, and the {@link GameSessions} facade over it.
 */
final class SessionTestServer implements AutoCloseable {
  /** The seeds' sealing keys, as the workers app has them. */
  static final SeedSealing SEALING = SeedSealing.random();

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final GameSessions sessions;
  final RecordingCompliance compliance = new RecordingCompliance();

  SessionTestServer(
      String queue, SeedActivities seeds, InMemoryLedger ledger, InMemoryProjection projection) {
    env = TestWorkflowEnvironment.newInstance(SealedTestEnvironment.options(SEALING));
    for (String attribute : List.of("CroupierUserId", "CroupierGameId", "CroupierSessionStatus")) {
      env.registerSearchAttribute(attribute, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker = env.newWorker(queue);
    worker.registerWorkflowImplementationTypes(GameSessionWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RegistryGameActivities(), seeds, ledger, projection, compliance);
    env.start();
    client = env.getWorkflowClient();
    sessions =
        new GameSessions(
            client, new CallSettings(queue, Duration.ofSeconds(10), Duration.ofSeconds(30)));
  }

  /** Replays {@code history} on the session workflow with the seeds' sealing keys. */
  static void replay(WorkflowExecutionHistory history) throws Exception {
    try (TestWorkflowEnvironment replayer =
        TestWorkflowEnvironment.newInstance(SealedTestEnvironment.options(SEALING))) {
      WorkflowReplayer.replayWorkflowExecution(history, replayer, GameSessionWorkflowImpl.class);
    }
  }

  @Override
  public void close() {
    env.close();
  }
}
