package dev.croupier.workers.table;

import dev.croupier.activities.table.HoleCardSealer;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.client.CallSettings;
import dev.croupier.client.tables.GameTables;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.gamestore.tables.TableEventOutbox;
import dev.croupier.observability.health.KafkaHealthIndicator;
import dev.croupier.outbox.OutboxRelay;
import dev.croupier.workers.TemporalProperties;
import dev.croupier.workers.WalletClientProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Game tables: the table workflow on the session worker, the client facade, the configured tables,
 * and the outbox relay.
 */
@Configuration(proxyBeanMethods = false)
class TableWorkerConfiguration {
  private static final Logger log = LoggerFactory.getLogger(TableWorkerConfiguration.class);

  @Bean
  GameTables gameTables(WorkflowClient client, TemporalProperties temporal) {
    return new GameTables(
        client,
        new CallSettings(
            temporal.taskQueue(),
            temporal.workflowTaskTimeout(),
            CallSettings.of(temporal.taskQueue()).callTimeout()));
  }

  /**
   * Opens {@code croupier.tables.configured} at start, unless {@code croupier.tables.open} is off.
   */
  @Bean
  @ConditionalOnProperty(name = "croupier.tables.open", havingValue = "true", matchIfMissing = true)
  ConfiguredTables configuredTables(
      GameTables gameTables, GameRegistry games, TableProperties properties) {
    return new ConfiguredTables(gameTables, games, properties.configured());
  }

  @Bean
  HoleCardSealer holeCardSealer(TableProperties properties) {
    return TableWorker.sealer(properties.compliancePublicKey());
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
      TableProperties properties,
      MeterRegistry meters) {
    TableWorker.register(
        sessionWorkerFactory.getWorker(temporal.taskQueue()),
        wallet,
        walletProperties.deadline(),
        dsl,
        sealer,
        properties.eventsTopic(),
        properties.lobbyTopic(),
        meters);
    return "table-workflow-registered";
  }

  /** Kafka in readiness, where this process relays the table outbox. */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(
      name = "croupier.tables.relay.enabled",
      havingValue = "true",
      matchIfMissing = true)
  KafkaHealthIndicator kafkaHealthIndicator(TableProperties tables) {
    return new KafkaHealthIndicator(tables.relay().bootstrapServers(), Duration.ofSeconds(3));
  }

  /** The table outbox's relay: the shared outbox relay over the game store's table outbox. */
  @Bean
  @ConditionalOnProperty(
      name = "croupier.tables.relay.enabled",
      havingValue = "true",
      matchIfMissing = true)
  SmartLifecycle tableEventRelay(
      DataSource dataSource,
      DSLContext dsl,
      TableProperties tables,
      MeterRegistry meters,
      OpenTelemetry openTelemetry) {
    return new SmartLifecycle() {
      private OutboxRelay relay;

      @Override
      public void start() {
        relay =
            new OutboxRelay(
                dataSource,
                new TableEventOutbox(dsl),
                new OutboxRelay.Settings(
                    "table-outbox",
                    tables.relay().bootstrapServers(),
                    tables.relay().batchSize(),
                    tables.relay().pollInterval(),
                    Duration.ofSeconds(30)),
                new OutboxRelay.Telemetry(meters, openTelemetry));
        relay.start();
        log.info("table outbox relay started");
      }

      @Override
      public void stop() {
        relay.close();
        relay = null;
      }

      @Override
      public boolean isRunning() {
        return relay != null;
      }
    };
  }
}
