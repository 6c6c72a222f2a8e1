package dev.croupier.workflows.session;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;

/**
 * The time-skipping test server with the session search attributes and a session worker on one task
 * queue: the real plugins, the given seeds, the in-memory ledger and projection, and the {@link
 * GameSessions} facade over it.
 */
final class SessionTestServer implements AutoCloseable {
  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final GameSessions sessions;

  SessionTestServer(
      String queue, SeedActivities seeds, InMemoryLedger ledger, InMemoryProjection projection) {
    env = TestWorkflowEnvironment.newInstance();
    for (String attribute : List.of("CroupierUserId", "CroupierGameId", "CroupierSessionStatus")) {
      env.registerSearchAttribute(attribute, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker = env.newWorker(queue);
    worker.registerWorkflowImplementationTypes(GameSessionWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RegistryGameActivities(), seeds, ledger, projection);
    env.start();
    client = env.getWorkflowClient();
    sessions =
        new GameSessions(
            client,
            new GameSessions.Settings(queue, Duration.ofSeconds(10), Duration.ofSeconds(30)));
  }

  @Override
  public void close() {
    env.close();
  }
}
