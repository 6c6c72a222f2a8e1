package dev.croupier.gateway.games;

import dev.croupier.client.CallSettings;
import dev.croupier.client.tables.GameTables;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The game tables players sit at through the gateway: the {@link GameTables} facade on the same
 * Temporal client and task queue as the game sessions (the workers host both workflows there).
 */
@Configuration(proxyBeanMethods = false)
class TablesConfiguration {

  @Bean
  GameTables gameTables(WorkflowClient client, TemporalClientProperties temporal) {
    return new GameTables(
        client,
        new CallSettings(
            temporal.taskQueue(), temporal.workflowTaskTimeout(), temporal.callTimeout()));
  }
}
