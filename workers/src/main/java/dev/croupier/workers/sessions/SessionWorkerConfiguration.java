package dev.croupier.workers.sessions;

import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.observability.temporal.TemporalTelemetry;
import dev.croupier.workers.TemporalProperties;
import dev.croupier.workers.WalletClientProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the session worker once the context is ready and stops it first on shutdown. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "croupier.temporal.worker.enabled",
    havingValue = "true",
    matchIfMissing = true)
class SessionWorkerConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SessionWorkerConfiguration.class);

  @Bean
  WorkerFactory sessionWorkerFactory(
      WorkflowClient client,
      TemporalProperties temporal,
      GameRegistry games,
      WalletGrpc.WalletBlockingStub wallet,
      WalletClientProperties walletProperties,
      DSLContext dsl,
      TemporalTelemetry telemetry,
      MeterRegistry meters) {
    return SessionWorker.create(
        client,
        temporal,
        games,
        wallet,
        walletProperties.deadline(),
        walletProperties.jackpotReseed(),
        dsl,
        meters,
        telemetry.workerInterceptors());
  }

  @Bean
  HealthIndicator sessionWorkerHealthIndicator(WorkerFactory factory, WorkerStarter starter) {
    return new WorkerHealthIndicator(factory, starter);
  }

  /** Starts the worker once Temporal answers, so a slow Temporal never ends the app. */
  @Bean
  WorkerStarter sessionWorkerStarter(WorkerFactory factory, TemporalProperties temporal) {
    return new WorkerStarter(
        factory, temporal.target(), temporal.startRetry().first(), temporal.startRetry().max());
  }

  @Bean
  SmartLifecycle sessionWorkerLifecycle(
      WorkerFactory factory, WorkerStarter starter, TemporalProperties temporal) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        starter.start();
        running = true;
        log.info(
            "session worker {} {} on {} ({})",
            starter.state() == WorkerStarter.State.POLLING ? "polling" : "waiting to poll",
            temporal.taskQueue(),
            temporal.target(),
            temporal.namespace());
      }

      @Override
      public void stop() {
        try {
          starter.close();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        factory.shutdown();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }
}
