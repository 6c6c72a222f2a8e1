package dev.croupier.admin.platform;

import dev.croupier.admin.AdminProperties;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.wallet.api.ServiceTokenCredentials;
import dev.croupier.wallet.api.ServiceTokenKey;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The wallet channel (admin's own service identity) and the Temporal client. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {
  /** The caller name the wallet sees: its authorization lets admin post GRANT and ADJUSTMENT. */
  static final String CALLER = "admin";

  @Bean(destroyMethod = "shutdownNow")
  ManagedChannel walletChannel(AdminProperties properties) {
    return NettyChannelBuilder.forTarget(properties.wallet().target()).usePlaintext().build();
  }

  @Bean
  WalletGrpc.WalletBlockingStub walletStub(
      ManagedChannel walletChannel, AdminProperties properties) {
    String key = properties.wallet().serviceTokenKey();
    WalletGrpc.WalletBlockingStub stub = WalletGrpc.newBlockingStub(walletChannel);
    if (key == null || key.isBlank()) {
      // Without a key the wallet refuses every call (UNAUTHENTICATED); pages that need it say so.
      return stub;
    }
    return stub.withCallCredentials(
        new ServiceTokenCredentials(ServiceTokenKey.fromBase64(key), CALLER));
  }

  @Bean
  AdminWallet adminWallet(
      ManagedChannel walletChannel,
      WalletGrpc.WalletBlockingStub walletStub,
      AdminProperties properties) {
    return new AdminWallet(walletChannel, walletStub, properties.wallet().deadline());
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(AdminProperties properties) {
    // Connects lazily: the back office starts, and serves sign-in, while Temporal comes up.
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(properties.temporal().target()).build());
  }

  @Bean
  WorkflowClient workflowClient(WorkflowServiceStubs stubs, AdminProperties properties) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder().setNamespace(properties.temporal().namespace()).build());
  }
}
