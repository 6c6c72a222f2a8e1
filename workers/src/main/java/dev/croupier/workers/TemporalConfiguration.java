package dev.croupier.workers;

import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.client.CallSettings;
import dev.croupier.client.TemporalTls;
import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.client.sessions.GameSessions;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.wallet.api.ServiceTls;
import io.grpc.ManagedChannel;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Clients of Temporal and the wallet, and the installed games. */
@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(TemporalProperties temporal) {
    TemporalProperties.Tls tls = temporal.tls();
    return WorkflowServiceStubs.newServiceStubs(
        new TemporalTls(tls.certificate(), tls.privateKey(), tls.trustedCa(), tls.serverName())
            .applyTo(WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()))
            .build());
  }

  /** Server seeds are sealed in every payload this client and its workers write. */
  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, TemporalProperties temporal, SeedSealingProperties seeds) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(temporal.namespace())
            .setDataConverter(SeedSealing.fromBase64(seeds.sealingKeys()).dataConverter())
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
  ManagedChannel walletChannel(WalletClientProperties wallet) {
    WalletClientProperties.Tls tls = wallet.tls();
    return ServiceTls.of(tls.certificate(), tls.privateKey(), tls.trustedCa())
        .walletChannel(wallet.target());
  }

  /** Calls the wallet over mutual TLS as {@code workers}, the identity its certificate names. */
  @Bean
  WalletGrpc.WalletBlockingStub wallet(ManagedChannel walletChannel) {
    return WalletGrpc.newBlockingStub(walletChannel);
  }
}
