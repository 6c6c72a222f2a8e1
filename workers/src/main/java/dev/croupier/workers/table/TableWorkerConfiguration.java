package dev.croupier.workers.table;

import dev.croupier.activities.table.HoleCardSealer;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.workers.TemporalProperties;
import dev.croupier.workers.WalletClientProperties;
import dev.croupier.workers.realtime.internal.KafkaClients;
import dev.croupier.workflows.table.PokerTables;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Poker tables: the workflow on the session worker, the client facade, the configured tables, and
 * the outbox relay.
 */
@Configuration(proxyBeanMethods = false)
class TableWorkerConfiguration {
  private static final Logger log = LoggerFactory.getLogger(TableWorkerConfiguration.class);

  @Bean
  PokerTables pokerTables(WorkflowClient client, TemporalProperties temporal) {
    return new PokerTables(
        client,
        new PokerTables.Settings(
            temporal.taskQueue(),
            temporal.workflowTaskTimeout(),
            PokerTables.Settings.of(temporal.taskQueue()).callTimeout()));
  }

  /** Opens {@code croupier.poker.tables} at start, unless {@code open-tables} is off. */
  @Bean
  @ConditionalOnProperty(
      name = "croupier.poker.open-tables",
      havingValue = "true",
      matchIfMissing = true)
  ConfiguredTables configuredTables(PokerTables pokerTables, PokerProperties poker) {
    return new ConfiguredTables(pokerTables, poker.tables());
  }

  @Bean
  HoleCardSealer holeCardSealer(PokerProperties poker) {
    return TableWorker.sealer(poker.compliancePublicKey());
  }

  /** Registered before the session worker's lifecycle starts the factory. */
  @Bean
  @ConditionalOnProperty(
      name = "croupier.temporal.worker.enabled",
      havingValue = "true",
      matchIfMissing = true)
  Object tableWorkflowRegistration(
      WorkerFactory sessionWorkerFactory,
      TemporalProperties temporal,
      WalletGrpc.WalletBlockingStub wallet,
      WalletClientProperties walletProperties,
      DSLContext dsl,
      HoleCardSealer sealer,
      PokerProperties poker) {
    TableWorker.register(
        sessionWorkerFactory.getWorker(temporal.taskQueue()),
        wallet,
        walletProperties.deadline(),
        dsl,
        sealer,
        poker.eventsTopic(),
        poker.lobbyTopic());
    return "table-workflow-registered";
  }

  @Bean
  @ConditionalOnProperty(
      name = "croupier.poker.relay.enabled",
      havingValue = "true",
      matchIfMissing = true)
  SmartLifecycle tableEventRelay(DSLContext dsl, PokerProperties poker) {
    return new SmartLifecycle() {
      private ScheduledExecutorService loop;
      private KafkaProducer<String, String> producer;

      @Override
      public void start() {
        producer = KafkaClients.producer(poker.relay().bootstrapServers(), "workers-table-relay");
        TableEventRelay relay = new TableEventRelay(dsl, producer, poker.relay().batchSize());
        loop = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
        loop.scheduleWithFixedDelay(
            () -> {
              try {
                while (relay.publishBatch(Duration.ofSeconds(30)) > 0) {
                  log.trace("table outbox batch published");
                }
              } catch (RuntimeException e) {
                log.warn("table outbox relay: {}; retrying", e.toString());
              }
            },
            0,
            poker.relay().pollInterval().toMillis(),
            TimeUnit.MILLISECONDS);
      }

      @Override
      public void stop() {
        loop.shutdownNow();
        try {
          loop.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
      }

      @Override
      public boolean isRunning() {
        return loop != null && !loop.isShutdown();
      }
    };
  }
}
