package dev.croupier.gateway.identity.wallet;

import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.gateway.identity.IdentityProperties;
import dev.croupier.gateway.identity.PlayerBalances;
import dev.croupier.gateway.identity.PlayerLedger;
import dev.croupier.gateway.identity.WalletAccounts;
import dev.croupier.wallet.api.ServiceTokenCredentials;
import dev.croupier.wallet.api.ServiceTokenKey;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gRPC channel to the wallet, authenticated with a service token on every call: welcome grants
 * for identity, balances for the WebSocket gateway, currencies and the player's own entries for the
 * transaction history.
 */
@Configuration(proxyBeanMethods = false)
class WalletClientConfiguration {

  @Bean(destroyMethod = "shutdownNow")
  ManagedChannel walletChannel(WalletClientProperties properties) {
    return ManagedChannelBuilder.forTarget(properties.target()).usePlaintext().build();
  }

  @Bean
  WalletGrpc.WalletBlockingStub walletStub(
      ManagedChannel walletChannel, WalletClientProperties properties) {
    String key = properties.serviceTokenKey();
    if (key == null || key.isBlank()) {
      throw new IllegalStateException(
          "No service token key for calling the wallet: set "
              + ServiceTokenKey.ENV
              + " (croupier.wallet.service-token-key) to the base64 key the wallet trusts.");
    }
    return WalletGrpc.newBlockingStub(walletChannel)
        .withCallCredentials(
            new ServiceTokenCredentials(
                ServiceTokenKey.fromBase64(key), GrpcWalletAccounts.CALLER));
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
