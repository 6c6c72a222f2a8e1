package dev.croupier.workers.sessions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.activities.compliance.ComplianceActivitiesImpl;
import dev.croupier.activities.game.GamePluginActivitiesImpl;
import dev.croupier.activities.game.SeedActivitiesImpl;
import dev.croupier.activities.ledger.LedgerActivitiesImpl;
import dev.croupier.activities.projection.SessionProjectionActivitiesImpl;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.gamestore.projection.SessionProjection;
import dev.croupier.gamestore.tables.TableEventOutbox;
import dev.croupier.workers.TemporalProperties;
import dev.croupier.workflows.session.GameSessionWorkflowImpl;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import java.security.SecureRandom;
import java.time.Duration;
import org.jooq.DSLContext;

/** Builds the worker factory that serves game sessions on the configured task queue. */
public final class SessionWorker {
  private SessionWorker() {}

  /**
   * A factory with the session workflow and its activities registered, reseeding a paid jackpot
   * with {@link LedgerActivitiesImpl#DEFAULT_JACKPOT_RESEED}; the caller starts it.
   */
  public static WorkerFactory create(
      WorkflowClient client,
      TemporalProperties temporal,
      GameRegistry games,
      WalletGrpc.WalletBlockingStub wallet,
      Duration walletDeadline,
      DSLContext dsl) {
    return create(
        client,
        temporal,
        games,
        wallet,
        walletDeadline,
        LedgerActivitiesImpl.DEFAULT_JACKPOT_RESEED,
        dsl,
        new CompositeMeterRegistry());
  }

  /**
   * A factory with the session workflow and its activities registered; the caller starts it.
   *
   * @param jackpotReseed minor units the house puts back into a jackpot pool when it is paid
   * @param meters where the activities' meters go
   * @param interceptors the worker interceptors (tracing, log context), outermost first
   */
  public static WorkerFactory create(
      WorkflowClient client,
      TemporalProperties temporal,
      GameRegistry games,
      WalletGrpc.WalletBlockingStub wallet,
      Duration walletDeadline,
      long jackpotReseed,
      DSLContext dsl,
      MeterRegistry meters,
      WorkerInterceptor... interceptors) {
    TemporalProperties.Worker tuning = temporal.worker();
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(tuning.workflowCacheSize())
                .setMaxWorkflowThreadCount(tuning.maxWorkflowThreads())
                .setUsingVirtualWorkflowThreads(tuning.virtualThreads())
                .setWorkerInterceptors(interceptors)
                .build());
    Worker worker =
        factory.newWorker(
            temporal.taskQueue(),
            WorkerOptions.newBuilder()
                .setMaxConcurrentWorkflowTaskExecutionSize(tuning.maxConcurrentWorkflowTasks())
                .setMaxConcurrentLocalActivityExecutionSize(tuning.maxConcurrentLocalActivities())
                .setWorkflowTaskPollersBehavior(
                    new PollerBehaviorAutoscaling(2, tuning.workflowPollers(), 2))
                .setUsingVirtualThreads(tuning.virtualThreads())
                .setLocalActivityWorkerOnly(true)
                .build());
    worker.registerWorkflowImplementationTypes(GameSessionWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new GamePluginActivitiesImpl(games),
        new SeedActivitiesImpl(new SecureRandom()),
        new LedgerActivitiesImpl(wallet, walletDeadline, jackpotReseed, meters),
        new SessionProjectionActivitiesImpl(new SessionProjection(dsl)),
        new ComplianceActivitiesImpl(new TableEventOutbox(dsl), new ObjectMapper(), meters));
    return factory;
  }
}
