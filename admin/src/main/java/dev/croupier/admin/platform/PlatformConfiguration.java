package dev.croupier.admin.platform;

import dev.croupier.admin.AdminProperties;
import dev.croupier.observability.temporal.TemporalTelemetry;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.observation.ObservationRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The wallet channel (admin's own service identity) and the Temporal client. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {
  /**
   * The wallet, over mutual TLS as {@code admin}: the wallet's matrix lets admin post GRANT and
   * ADJUSTMENT and read any account.
   */
  @Bean(destroyMethod = "close")
  AdminWallet adminWallet(AdminProperties properties, ObservationRegistry observations) {
    return new AdminWallet(
        new LazyChannel(
            "the wallet",
            properties.wallet().target(),
            properties.tls(),
            new ObservationGrpcClientInterceptor(observations)),
        properties.wallet().deadline());
  }

  /** The identity context's staff API, over mutual TLS as {@code admin}. */
  @Bean(destroyMethod = "close")
  AdminIdentity adminIdentity(AdminProperties properties, ObservationRegistry observations) {
    return new AdminIdentity(
        new LazyChannel(
            "identity",
            properties.identity().target(),
            properties.tls(),
            new ObservationGrpcClientInterceptor(observations)),
        properties.identity().deadline());
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      AdminProperties properties, TemporalTelemetry telemetry) {
    // Connects lazily: the back office starts, and serves sign-in, while Temporal comes up.
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(properties.temporal().target())
            .setMetricsScope(telemetry.metricsScope())
            .build());
  }

  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, AdminProperties properties, TemporalTelemetry telemetry) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(properties.temporal().namespace())
            .setInterceptors(telemetry.clientInterceptors())
            .build());
  }
}
