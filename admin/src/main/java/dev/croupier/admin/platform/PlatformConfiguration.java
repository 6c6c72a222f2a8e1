package dev.croupier.admin.platform;

import dev.croupier.admin.AdminProperties;
import dev.croupier.wallet.api.ServiceTls;
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
   * The wallet over mutual TLS: admin's certificate (CN {@code admin}) is its identity, and the
   * wallet's matrix lets it post GRANT and ADJUSTMENT and read any account. The channel is made at
   * the first wallet call, so sign-in, the audit log and the commands work while the wallet's
   * certificates are still being set up; the pages that need the wallet say it is unavailable.
   */
  @Bean(destroyMethod = "close")
  AdminWallet adminWallet(AdminProperties properties) {
    AdminProperties.Tls tls = properties.wallet().tls();
    return new AdminWallet(
        () -> {
          try {
            return ServiceTls.of(tls.certificate(), tls.privateKey(), tls.trustedCa())
                .walletChannel(properties.wallet().target());
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException("croupier.admin.wallet.tls: " + e.getMessage(), e);
          }
        },
        properties.wallet().deadline());
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
