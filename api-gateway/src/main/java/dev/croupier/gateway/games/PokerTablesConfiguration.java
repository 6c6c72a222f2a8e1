package dev.croupier.gateway.games;

import dev.croupier.workflows.table.PokerTables;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The poker tables players sit at through the gateway: the {@link PokerTables} facade on the same
 * Temporal client and task queue as the game sessions (the workers host both workflows there).
 */
@Configuration(proxyBeanMethods = false)
class PokerTablesConfiguration {

  @Bean
  PokerTables pokerTables(WorkflowClient client, TemporalClientProperties temporal) {
    return new PokerTables(
        client,
        new PokerTables.Settings(
            temporal.taskQueue(), temporal.workflowTaskTimeout(), temporal.callTimeout()));
  }
}
