package dev.croupier.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.ServiceTokenCredentials;
import dev.croupier.wallet.api.ServiceTokenKey;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The packaged application: configuration, Flyway, gRPC over Netty with tokens, the relay. */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class WalletApplicationTest {

  @Test
  void applicationServesTheWalletOverGrpcAndRelaysEntries(PostgresDatabase db, KafkaBroker kafka) {
    ServiceTokenKey key = ServiceTokenKey.random();
    int port = Ports.freePort();
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(WalletApplication.class)
            .run(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--croupier.wallet.service-token-key=" + key.toBase64(),
                "--croupier.wallet.grpc.port=" + port,
                "--croupier.wallet.outbox.bootstrap-servers=" + kafka.bootstrapServers())) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress(Ports.LOOPBACK, port).usePlaintext().build();
      try {
        WalletGrpc.WalletBlockingStub wallet =
            WalletGrpc.newBlockingStub(channel)
                .withCallCredentials(new ServiceTokenCredentials(key, "workers"));
        long player =
            wallet
                .openAccount(
                    OpenAccountRequest.newBuilder()
                        .setOwnerId(UUID.randomUUID().toString())
                        .setCurrency("COIN")
                        .setType(AccountType.PLAYER)
                        .build())
                .getAccount()
                .getAccountId();
        long promo =
            wallet
                .openAccount(
                    OpenAccountRequest.newBuilder()
                        .setCurrency("COIN")
                        .setType(AccountType.PROMO)
                        .build())
                .getAccount()
                .getAccountId();
        wallet.postTransaction(
            PostTransactionRequest.newBuilder()
                .setIdempotencyKey("app-grant-" + player)
                .setKind(TransactionKind.GRANT)
                .addLegs(Leg.newBuilder().setAccountId(promo).setCurrency("COIN").setAmount(-250))
                .addLegs(Leg.newBuilder().setAccountId(player).setCurrency("COIN").setAmount(250))
                .build());

        assertThat(
                wallet
                    .getBalance(GetBalanceRequest.newBuilder().setAccountId(player).build())
                    .getBalance())
            .isEqualTo(250);
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(db) == 0);
      } finally {
        channel.shutdownNow();
      }
    }
  }

  private static long outboxRows(PostgresDatabase db) throws Exception {
    try (var c = db.connect();
        var s = c.createStatement();
        var rs = s.executeQuery("select count(*) from wallet.outbox")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
