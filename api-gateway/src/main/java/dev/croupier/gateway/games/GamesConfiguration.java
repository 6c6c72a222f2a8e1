package dev.croupier.gateway.games;

import dev.croupier.client.CallSettings;
import dev.croupier.client.TemporalTls;
import dev.croupier.client.sessions.GameSessions;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.observability.temporal.TemporalTelemetry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The installed games and the Temporal client that opens, plays and closes their sessions, with the
 * Temporal SDK's metrics and tracing: a bet's Update is a child span of its WebSocket frame.
 */
@Configuration(proxyBeanMethods = false)
class GamesConfiguration {

  @Bean
  GameRegistry gameRegistry() {
    return GameRegistry.load(GamesConfiguration.class.getClassLoader());
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      TemporalClientProperties temporal, TemporalTelemetry telemetry) {
    // Connects lazily: the gateway starts, and serves identity, while Temporal is still coming up.
    TemporalClientProperties.Tls tls = temporal.tls();
    return WorkflowServiceStubs.newServiceStubs(
        new TemporalTls(tls.certificate(), tls.privateKey(), tls.trustedCa(), tls.serverName())
            .applyTo(
                WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(temporal.target())
                    .setMetricsScope(telemetry.metricsScope()))
            .build());
  }

  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, TemporalClientProperties temporal, TemporalTelemetry telemetry) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(temporal.namespace())
            .setInterceptors(telemetry.clientInterceptors())
            .build());
  }

  @Bean
  GameSessions gameSessions(WorkflowClient client, TemporalClientProperties temporal) {
    return new GameSessions(
        client,
        new CallSettings(
            temporal.taskQueue(), temporal.workflowTaskTimeout(), temporal.callTimeout()));
  }
}
