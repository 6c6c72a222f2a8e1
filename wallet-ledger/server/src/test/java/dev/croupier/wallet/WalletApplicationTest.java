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
import dev.croupier.devstack.DevCertificates;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.wallet.api.ServiceTls;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The packaged application: configuration, Flyway, gRPC over mutual TLS, the relay. */
@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class WalletApplicationTest {

  @Test
  void applicationServesTheWalletOverGrpcAndRelaysEntries(
      PostgresDatabase db, KafkaBroker kafka, @TempDir Path tls) {
    DevCertificates certs = DevCertificates.in(tls);
    DevCertificates.Identity server = certs.identity(ServiceNames.WALLET);
    DevCertificates.Identity admin = certs.identity(ServiceNames.ADMIN);
    int port = Ports.freePort();
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(WalletApplication.class)
            .run(
                "--server.port=0",
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=croupier_wallet",
                "--spring.datasource.password=" + db.password(),
                "--croupier.wallet.tls.certificate=" + server.certificate(),
                "--croupier.wallet.tls.private-key=" + server.privateKey(),
                "--croupier.wallet.tls.trusted-ca=" + server.trustedCa(),
                "--croupier.wallet.grpc.port=" + port,
                "--croupier.wallet.outbox.bootstrap-servers=" + kafka.bootstrapServers())) {
      ManagedChannel channel =
          new ServiceTls(admin.certificate(), admin.privateKey(), admin.trustedCa())
              .walletChannel(Ports.LOOPBACK + ":" + port);
      try {
        WalletGrpc.WalletBlockingStub wallet = WalletGrpc.newBlockingStub(channel);
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
