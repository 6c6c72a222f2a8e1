package dev.croupier.workers;

import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.client.CallSettings;
import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.client.sessions.GameSessions;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.sessions.SessionWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The session worker wired as the workers app wires it, in the test JVM, on its own task queue of a
 * real Temporal server, with the real wallet and the test database.
 */
public final class InProcessWorker implements AutoCloseable {
  public final TemporalProperties properties;
  public final WorkflowServiceStubs service;
  public final WorkflowClient client;
  public final GameSessions sessions;
  public final HikariDataSource dataSource;
  public final DSLContext dsl;
  public final GameRegistry games = GameRegistry.load(getClass().getClassLoader());
  private final WorkerFactory factory;

  public InProcessWorker(
      TemporalServer temporal, TestWallet wallet, PostgresDatabase db, String taskQueue) {
    properties =
        new TemporalProperties(
            temporal.target(),
            temporal.settings().namespace(),
            taskQueue,
            Duration.ofSeconds(5),
            new TemporalProperties.Worker(true, 1_000, 2_000, true, 50, 50, 4),
            new TemporalProperties.StartRetry(Duration.ofSeconds(1), Duration.ofSeconds(30)),
            new TemporalProperties.Tls("", "", "", ""));
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setNamespace(properties.namespace())
                .setDataConverter(
                    SeedSealing.fromBase64(WorkerProcess.SEED_SEALING_KEYS).dataConverter())
                .build());
    sessions =
        new GameSessions(
            client, new CallSettings(taskQueue, Duration.ofSeconds(5), Duration.ofSeconds(90)));
    dataSource = db.dataSource(8);
    dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    factory =
        SessionWorker.create(client, properties, games, wallet.stub(), Duration.ofSeconds(5), dsl);
    factory.start();
  }

  @Override
  public void close() {
    factory.shutdownNow();
    factory.awaitTermination(10, TimeUnit.SECONDS);
    service.shutdownNow();
    dataSource.close();
  }
}
