package dev.croupier.admin.players;

import dev.croupier.admin.AdminProperties;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A player's sessions, from Temporal's visibility. */
@Configuration(proxyBeanMethods = false)
class PlayersConfiguration {
  @Bean
  PlayerGames playerGames(WorkflowClient temporal, AdminProperties properties) {
    return new PlayerGames(temporal, properties.temporal());
  }
}
