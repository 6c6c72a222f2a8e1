package dev.croupier.gateway.identity;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.devstack.Ports;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.wallet.WalletApplication;
import dev.croupier.wallet.api.ServiceTokenCredentials;
import dev.croupier.wallet.api.ServiceTokenKey;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real wallet server (wallet-ledger's Spring Boot app, its gRPC API on a loopback port) over
 * the test class's database, with a service-token key made for the test. It can be stopped and
 * started again on the same port, to play an outage.
 */
public final class TestWallet implements AutoCloseable {
  private final PostgresDatabase db;
  private final ServiceTokenKey key = ServiceTokenKey.random();
  private final int port = Ports.freePort();
  private final ManagedChannel channel;
  private final WalletGrpc.WalletBlockingStub stub;
  private ConfigurableApplicationContext context;

  private TestWallet(PostgresDatabase db) {
    this.db = db;
    this.channel = ManagedChannelBuilder.forTarget(target()).usePlaintext().build();
    this.stub =
        WalletGrpc.newBlockingStub(channel)
            .withCallCredentials(new ServiceTokenCredentials(key, "identity-tests"));
  }

  public static TestWallet start(PostgresDatabase db) {
    TestWallet wallet = new TestWallet(db);
    wallet.restart();
    return wallet;
  }

  /** Starts the wallet (again) on its port. */
  void restart() {
    Map<String, Object> props = new LinkedHashMap<>();
    // The gateway's application.yml shadows the wallet's on this classpath: configure it fully.
    props.put("spring.config.name", "wallet-under-test");
    props.put("spring.main.web-application-type", "none");
    props.put("spring.application.name", "wallet");
    props.put("spring.datasource.url", db.url());
    props.put("spring.datasource.username", db.user());
    props.put("spring.datasource.password", db.password());
    props.put("spring.datasource.hikari.maximum-pool-size", 8);
    props.put("spring.flyway.locations", "classpath:db/migration");
    props.put("spring.jooq.sql-dialect", "postgres");
    props.put("croupier.wallet.real-money-enabled", false);
    props.put("croupier.wallet.service-token-key", key.toBase64());
    props.put("croupier.wallet.grpc.host", "127.0.0.1");
    props.put("croupier.wallet.grpc.port", port);
    props.put("croupier.wallet.posting.committers", 2);
    props.put("croupier.wallet.posting.max-batch", 64);
    props.put("croupier.wallet.posting.queue-capacity", 1024);
    props.put("croupier.wallet.posting.max-legs", 32);
    // No Kafka in these tests: posts stay in the outbox.
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
  }

  void stop() {
    context.close();
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  public String serviceTokenKey() {
    return key.toBase64();
  }

  /** The player's COIN balance, read through the wallet's API. */
  public long balance(String userId) {
    long account =
        stub.openAccount(
                OpenAccountRequest.newBuilder()
                    .setOwnerId(userId)
                    .setCurrency("COIN")
                    .setType(AccountType.PLAYER)
                    .build())
            .getAccount()
            .getAccountId();
    return stub.getBalance(GetBalanceRequest.newBuilder().setAccountId(account).build())
        .getBalance();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    if (context.isActive()) {
      context.close();
    }
  }
}
