package dev.croupier.gateway.identity.wallet;

import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.gateway.identity.IdentityProperties;
import dev.croupier.gateway.identity.PlayerBalances;
import dev.croupier.gateway.identity.PlayerLedger;
import dev.croupier.gateway.identity.WalletAccounts;
import dev.croupier.observability.health.GrpcHealthIndicator;
import dev.croupier.wallet.api.ServiceTls;
import io.grpc.ManagedChannel;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gRPC channel to the wallet over mutual TLS, presenting the gateway's certificate ({@code
 * api-gateway}): player accounts with the wallet's welcome grant for identity, balances for the
 * WebSocket gateway, currencies and the player's own entries for the transaction history. The
 * wallet lets the gateway do nothing else.
 */
@Configuration(proxyBeanMethods = false)
class WalletClientConfiguration {

  @Bean(destroyMethod = "shutdownNow")
  ManagedChannel walletChannel(
      WalletClientProperties properties, ObservationRegistry observations) {
    WalletClientProperties.Tls tls = properties.tls();
    return ServiceTls.of(tls.certificate(), tls.privateKey(), tls.trustedCa())
        .walletChannel(properties.target(), new ObservationGrpcClientInterceptor(observations));
  }

  /** {@code wallet} in readiness: its standard gRPC health service, over this channel. */
  @Bean
  GrpcHealthIndicator walletHealthIndicator(
      ManagedChannel walletChannel, WalletClientProperties properties) {
    return new GrpcHealthIndicator(
        walletChannel, properties.target(), WalletGrpc.SERVICE_NAME, Duration.ofSeconds(3));
  }

  @Bean
  WalletGrpc.WalletBlockingStub walletStub(ManagedChannel walletChannel) {
    return WalletGrpc.newBlockingStub(walletChannel);
  }

  @Bean
  WalletAccounts walletAccounts(
      ManagedChannel walletChannel,
      WalletGrpc.WalletBlockingStub walletStub,
      WalletClientProperties properties,
      IdentityProperties identity) {
    return new GrpcWalletAccounts(
        new WalletCalls(walletChannel, walletStub, properties.deadline()), identity.welcomeGrant());
  }

  @Bean
  PlayerBalances playerBalances(
      ManagedChannel walletChannel,
      WalletGrpc.WalletBlockingStub walletStub,
      WalletClientProperties properties) {
    return new GrpcPlayerBalances(
        new WalletCalls(walletChannel, walletStub, properties.deadline()));
  }

  @Bean
  PlayerLedger playerLedger(
      ManagedChannel walletChannel,
      WalletGrpc.WalletBlockingStub walletStub,
      WalletClientProperties properties) {
    return new GrpcPlayerLedger(new WalletCalls(walletChannel, walletStub, properties.deadline()));
  }
}
