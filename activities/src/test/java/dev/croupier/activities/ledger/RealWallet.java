package dev.croupier.activities.ledger;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.devstack.Ports;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.wallet.WalletApplication;
import dev.croupier.wallet.api.ServiceTokenCredentials;
import dev.croupier.wallet.api.ServiceTokenKey;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The real wallet application on a loopback port over the test database, outbox relay off. */
final class RealWallet implements AutoCloseable {
  final ServiceTokenKey key = ServiceTokenKey.random();
  final int port = Ports.freePort();
  final ConfigurableApplicationContext app;
  final ManagedChannel channel;
  final WalletGrpc.WalletBlockingStub stub;

  RealWallet(PostgresDatabase db) {
    app =
        new SpringApplicationBuilder(WalletApplication.class)
            .run(
                "--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--croupier.wallet.service-token-key=" + key.toBase64(),
                "--croupier.wallet.grpc.port=" + port,
                "--croupier.wallet.outbox.enabled=false");
    channel = NettyChannelBuilder.forAddress(Ports.LOOPBACK, port).usePlaintext().build();
    stub =
        WalletGrpc.newBlockingStub(channel)
            .withCallCredentials(new ServiceTokenCredentials(key, "tests"));
  }

  /** Gives the player {@code amount} COIN from the promo budget; returns the player's account. */
  long grant(UUID userId, long amount) {
    long player = open(userId.toString(), AccountType.PLAYER);
    long promo = open("", AccountType.PROMO);
    stub.postTransaction(
        PostTransactionRequest.newBuilder()
            .setIdempotencyKey("grant-" + userId + "-" + UUID.randomUUID())
            .setKind(TransactionKind.GRANT)
            .addLegs(Leg.newBuilder().setAccountId(promo).setCurrency("COIN").setAmount(-amount))
            .addLegs(Leg.newBuilder().setAccountId(player).setCurrency("COIN").setAmount(amount))
            .build());
    return player;
  }

  private long open(String owner, AccountType type) {
    return stub.openAccount(
            OpenAccountRequest.newBuilder()
                .setOwnerId(owner)
                .setCurrency("COIN")
                .setType(type)
                .build())
        .getAccount()
        .getAccountId();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    app.close();
  }
}
