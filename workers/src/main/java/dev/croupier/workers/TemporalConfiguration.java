package dev.croupier.workers;

import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.client.CallSettings;
import dev.croupier.client.TemporalTls;
import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.client.sessions.GameSessions;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.observability.health.GrpcHealthIndicator;
import dev.croupier.observability.temporal.TemporalTelemetry;
import dev.croupier.wallet.api.ServiceTls;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.observation.ObservationRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Clients of Temporal and the wallet, and the installed games. Both clients carry the app's
 * telemetry: the Temporal SDK's metrics and tracing interceptors, and a span and meters for every
 * wallet call; {@code temporal} (from the observability module) and {@code wallet} are in
 * readiness.
 */
@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      TemporalProperties temporal, TemporalTelemetry telemetry) {
    TemporalProperties.Tls tls = temporal.tls();
    return WorkflowServiceStubs.newServiceStubs(
        new TemporalTls(tls.certificate(), tls.privateKey(), tls.trustedCa(), tls.serverName())
            .applyTo(
                WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(temporal.target())
                    .setMetricsScope(telemetry.metricsScope()))
            .build());
  }

  /** Server seeds are sealed in every payload this client and its workers write. */
  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs,
      TemporalProperties temporal,
      SeedSealingProperties seeds,
      TemporalTelemetry telemetry) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(temporal.namespace())
            .setDataConverter(SeedSealing.fromBase64(seeds.sealingKeys()).dataConverter())
            .setInterceptors(telemetry.clientInterceptors())
            .build());
  }

  @Bean
  GameSessions gameSessions(WorkflowClient client, TemporalProperties temporal) {
    return new GameSessions(
        client,
        new CallSettings(
            temporal.taskQueue(),
            temporal.workflowTaskTimeout(),
            CallSettings.of(temporal.taskQueue()).callTimeout()));
  }

  @Bean
  GameRegistry gameRegistry() {
    return GameRegistry.load(WorkersApplication.class.getClassLoader());
  }

  @Bean(destroyMethod = "shutdownNow")
  ManagedChannel walletChannel(WalletClientProperties wallet, ObservationRegistry observations) {
    WalletClientProperties.Tls tls = wallet.tls();
    return ServiceTls.of(tls.certificate(), tls.privateKey(), tls.trustedCa())
        .walletChannel(wallet.target(), new ObservationGrpcClientInterceptor(observations));
  }

  /** The wallet's standard gRPC health service, over the channel the activities use. */
  @Bean
  GrpcHealthIndicator walletHealthIndicator(
      ManagedChannel walletChannel, WalletClientProperties wallet) {
    return new GrpcHealthIndicator(
        walletChannel, wallet.target(), WalletGrpc.SERVICE_NAME, Duration.ofSeconds(3));
  }

  /** Calls the wallet over mutual TLS as {@code workers}, the identity its certificate names. */
  @Bean
  WalletGrpc.WalletBlockingStub wallet(ManagedChannel walletChannel) {
    return WalletGrpc.newBlockingStub(walletChannel);
  }
}
