package dev.croupier.workers;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real wallet application (its gRPC API on a loopback port) over the test database, with a
 * service-token key made for the test and the Kafka relay off.
 */
public final class TestWallet implements AutoCloseable {
  private final ServiceTokenKey key = ServiceTokenKey.random();
  private final int port = Ports.freePort();
  private final ConfigurableApplicationContext context;
  private final ManagedChannel channel;
  private final WalletGrpc.WalletBlockingStub stub;

  public TestWallet(PostgresDatabase db) {
    Map<String, Object> props = new LinkedHashMap<>();
    // The workers' application.yml shadows the wallet's on this classpath: configure it fully.
    props.put("spring.config.name", "wallet-under-test");
    props.put("spring.main.web-application-type", "none");
    props.put("spring.application.name", "wallet");
    props.put("spring.datasource.url", db.url());
    props.put("spring.datasource.username", db.user());
    props.put("spring.datasource.password", db.password());
    props.put("spring.datasource.hikari.maximum-pool-size", 12);
    props.put("spring.flyway.locations", "classpath:db/migration");
    props.put("spring.jooq.sql-dialect", "postgres");
    props.put("croupier.wallet.real-money-enabled", false);
    props.put("croupier.wallet.service-token-key", key.toBase64());
    props.put("croupier.wallet.grpc.host", Ports.LOOPBACK);
    props.put("croupier.wallet.grpc.port", port);
    props.put("croupier.wallet.posting.committers", 4);
    props.put("croupier.wallet.posting.max-batch", 128);
    props.put("croupier.wallet.posting.queue-capacity", 4096);
    props.put("croupier.wallet.posting.max-legs", 32);
    props.put("croupier.wallet.outbox.enabled", false);
    props.put("croupier.wallet.outbox.bootstrap-servers", "127.0.0.1:1");
    props.put("croupier.wallet.outbox.topic", "wallet.entries");
    props.put("croupier.wallet.outbox.batch-size", 100);
    props.put("croupier.wallet.outbox.poll-interval", "1s");
    props.put("croupier.wallet.outbox.delivery-timeout", "5s");
    String[] args =
        props.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    context = new SpringApplicationBuilder(WalletApplication.class).run(args);
    channel = NettyChannelBuilder.forAddress(Ports.LOOPBACK, port).usePlaintext().build();
    stub =
        WalletGrpc.newBlockingStub(channel)
            .withCallCredentials(new ServiceTokenCredentials(key, "workers-tests"));
  }

  public String target() {
    return Ports.LOOPBACK + ":" + port;
  }

  public String serviceTokenKey() {
    return key.toBase64();
  }

  public WalletGrpc.WalletBlockingStub stub() {
    return stub;
  }

  /** Gives the player {@code amount} COIN from the promo budget. */
  public void grant(UUID userId, long amount) {
    long player = open(userId.toString(), AccountType.PLAYER);
    long promo = open("", AccountType.PROMO);
    stub.postTransaction(
        PostTransactionRequest.newBuilder()
            .setIdempotencyKey("grant-" + userId)
            .setKind(TransactionKind.GRANT)
            .addLegs(Leg.newBuilder().setAccountId(promo).setCurrency("COIN").setAmount(-amount))
            .addLegs(Leg.newBuilder().setAccountId(player).setCurrency("COIN").setAmount(amount))
            .build());
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
    context.close();
  }
}
