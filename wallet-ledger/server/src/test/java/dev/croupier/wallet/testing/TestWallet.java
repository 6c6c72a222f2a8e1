package dev.croupier.wallet.testing;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.GetBalanceRequest;
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
 * The real wallet application (wallet-ledger's Spring Boot app, its gRPC API on a loopback port)
 * over a test database, for the tests of any module that needs a wallet: a service-token key made
 * for the test, a client stub that carries it, and the Kafka relay off unless {@link
 * Builder#outbox} turns it on. It can be stopped and started again on the same port, to play an
 * outage. Published in wallet-ledger's test-jar; accounts are in {@code COIN}.
 *
 * <pre>{@code
 * try (TestWallet wallet = TestWallet.start(db)) {
 *   wallet.grant(userId, 100_000);
 *   ... wallet.target(), wallet.serviceTokenKey() or wallet.stub() ...
 * }
 * }</pre>
 */
public final class TestWallet implements AutoCloseable {
  private static final String CURRENCY = "COIN";

  private final String[] args;
  private final int port;
  private final ServiceTokenKey key;
  private final ManagedChannel channel;
  private final WalletGrpc.WalletBlockingStub stub;
  private ConfigurableApplicationContext context;

  private TestWallet(Builder b) {
    this.port = b.port;
    this.key = b.key;
    this.args =
        b.properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    this.channel = NettyChannelBuilder.forAddress(Ports.LOOPBACK, port).usePlaintext().build();
    this.stub =
        WalletGrpc.newBlockingStub(channel)
            .withCallCredentials(new ServiceTokenCredentials(key, b.caller));
  }

  /** Starts a wallet over {@code db} with the defaults. */
  public static TestWallet start(PostgresDatabase db) {
    return over(db).start();
  }

  /** A wallet over {@code db}, to configure before {@link Builder#start()}. */
  public static Builder over(PostgresDatabase db) {
    return over(db.url(), db.user(), db.password());
  }

  /** A wallet over the database at {@code url}, to configure before {@link Builder#start()}. */
  public static Builder over(String url, String user, String password) {
    return new Builder(url, user, password);
  }

  /** How the wallet is started. */
  public static final class Builder {
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final ServiceTokenKey key = ServiceTokenKey.random();
    private final int port = Ports.freePort();
    private String caller = "tests";

    private Builder(String url, String user, String password) {
      // The caller's application.yml may shadow the wallet's on a test classpath: configure it
      // fully under a name no module uses.
      properties.put("spring.config.name", "wallet-under-test");
      properties.put("spring.main.web-application-type", "none");
      properties.put("spring.main.banner-mode", "off");
      properties.put("spring.application.name", "wallet");
      properties.put("spring.datasource.url", url);
      properties.put("spring.datasource.username", user);
      properties.put("spring.datasource.password", password);
      properties.put("spring.datasource.hikari.maximum-pool-size", 12);
      properties.put("spring.flyway.locations", "classpath:db/migration");
      properties.put("spring.jooq.sql-dialect", "postgres");
      properties.put("croupier.wallet.real-money-enabled", false);
      properties.put("croupier.wallet.service-token-key", key.toBase64());
      properties.put("croupier.wallet.grpc.host", Ports.LOOPBACK);
      properties.put("croupier.wallet.grpc.port", port);
      properties.put("croupier.wallet.posting.committers", 4);
      properties.put("croupier.wallet.posting.max-batch", 128);
      properties.put("croupier.wallet.posting.queue-capacity", 4096);
      properties.put("croupier.wallet.posting.max-legs", 32);
      // No Kafka unless asked for: posts stay in the outbox.
      properties.put("croupier.wallet.outbox.enabled", false);
      properties.put("croupier.wallet.outbox.bootstrap-servers", "127.0.0.1:1");
      properties.put("croupier.wallet.outbox.topic", "wallet.entries");
      properties.put("croupier.wallet.outbox.batch-size", 100);
      properties.put("croupier.wallet.outbox.poll-interval", "1s");
      properties.put("croupier.wallet.outbox.delivery-timeout", "5s");
    }

    /** Sets one Spring property of the wallet, for example {@code croupier.wallet.posting.*}. */
    public Builder set(String property, Object value) {
      properties.put(property, value);
      return this;
    }

    /** The group-commit threads and their batch bounds. */
    public Builder posting(int committers, int maxBatch, int queueCapacity) {
      return set("croupier.wallet.posting.committers", committers)
          .set("croupier.wallet.posting.max-batch", maxBatch)
          .set("croupier.wallet.posting.queue-capacity", queueCapacity);
    }

    /** Turns the outbox relay on, publishing to {@code topic} at {@code bootstrapServers}. */
    public Builder outbox(String bootstrapServers, String topic) {
      return set("croupier.wallet.outbox.enabled", true)
          .set("croupier.wallet.outbox.bootstrap-servers", bootstrapServers)
          .set("croupier.wallet.outbox.topic", topic)
          .set("croupier.wallet.outbox.batch-size", 500)
          .set("croupier.wallet.outbox.poll-interval", "20ms")
          .set("croupier.wallet.outbox.delivery-timeout", "30s");
    }

    /** The service name in the tokens of {@link TestWallet#stub()} ({@code tests} by default). */
    public Builder caller(String caller) {
      this.caller = caller;
      return this;
    }

    /** Starts the wallet and returns once its gRPC server listens. */
    public TestWallet start() {
      TestWallet wallet = new TestWallet(this);
      wallet.restart();
      return wallet;
    }
  }

  /** Starts the wallet (again) on its port. */
  public void restart() {
    context = new SpringApplicationBuilder(WalletApplication.class).run(args);
  }

  /** Stops the wallet; {@link #restart()} starts it again on the same port. */
  public void stop() {
    context.close();
  }

  /** The wallet's gRPC address, {@code host:port}, as the callers' configuration takes it. */
  public String target() {
    return Ports.LOOPBACK + ":" + port;
  }

  /** The service-token key the wallet checks, base64 as the callers' configuration takes it. */
  public String serviceTokenKey() {
    return key.toBase64();
  }

  /** A blocking stub that carries a service token. */
  public WalletGrpc.WalletBlockingStub stub() {
    return stub;
  }

  /** Opens (or finds) the {@code COIN} account of {@code owner} ({@code ""} for house accounts). */
  public long open(String owner, AccountType type) {
    return stub.openAccount(
            OpenAccountRequest.newBuilder()
                .setOwnerId(owner)
                .setCurrency(CURRENCY)
                .setType(type)
                .build())
        .getAccount()
        .getAccountId();
  }

  /**
   * Gives the player {@code amount} COIN from the promo budget, once per player (the grant's key is
   * {@code grant-<userId>}); returns the player's account.
   */
  public long grant(UUID userId, long amount) {
    long player = open(userId.toString(), AccountType.PLAYER);
    long promo = open("", AccountType.PROMO);
    stub.postTransaction(
        PostTransactionRequest.newBuilder()
            .setIdempotencyKey("grant-" + userId)
            .setKind(TransactionKind.GRANT)
            .addLegs(leg(promo, -amount))
            .addLegs(leg(player, amount))
            .build());
    return player;
  }

  /** The balance of an account, read through the wallet's API. */
  public long balance(long account) {
    return stub.getBalance(GetBalanceRequest.newBuilder().setAccountId(account).build())
        .getBalance();
  }

  /** The balance of {@code owner}'s {@code COIN} account of {@code type} (opened if missing). */
  public long balance(String owner, AccountType type) {
    return balance(open(owner, type));
  }

  /** A {@code COIN} leg. */
  public static Leg leg(long account, long amount) {
    return Leg.newBuilder().setAccountId(account).setCurrency(CURRENCY).setAmount(amount).build();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    if (context != null && context.isActive()) {
      context.close();
    }
  }
}
