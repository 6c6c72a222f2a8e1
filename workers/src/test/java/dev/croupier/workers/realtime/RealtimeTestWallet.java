package dev.croupier.workers.realtime;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.Reference;
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
 * The real wallet application over the test database, its outbox relay publishing to the given
 * entries topic of the test broker, and helpers that post the way the session workflow does.
 */
public final class RealtimeTestWallet implements AutoCloseable {
  private final ServiceTokenKey key = ServiceTokenKey.random();
  private final int port = Ports.freePort();
  private final ConfigurableApplicationContext context;
  private final ManagedChannel channel;
  public final WalletGrpc.WalletBlockingStub stub;
  public final long house;
  public final long pool;
  public final long promo;

  public RealtimeTestWallet(PostgresDatabase db, String bootstrapServers, String entriesTopic) {
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
    props.put("croupier.wallet.posting.committers", 2);
    props.put("croupier.wallet.posting.max-batch", 128);
    props.put("croupier.wallet.posting.queue-capacity", 4096);
    props.put("croupier.wallet.posting.max-legs", 32);
    props.put("croupier.wallet.outbox.enabled", true);
    props.put("croupier.wallet.outbox.bootstrap-servers", bootstrapServers);
    props.put("croupier.wallet.outbox.topic", entriesTopic);
    props.put("croupier.wallet.outbox.batch-size", 500);
    props.put("croupier.wallet.outbox.poll-interval", "20ms");
    props.put("croupier.wallet.outbox.delivery-timeout", "30s");
    String[] args =
        props.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    context = new SpringApplicationBuilder(WalletApplication.class).run(args);
    channel = NettyChannelBuilder.forAddress(Ports.LOOPBACK, port).usePlaintext().build();
    stub =
        WalletGrpc.newBlockingStub(channel)
            .withCallCredentials(new ServiceTokenCredentials(key, "workers-tests"));
    house = open("", AccountType.HOUSE);
    pool = open("", AccountType.JACKPOT_POOL);
    promo = open("", AccountType.PROMO);
  }

  /** Opens the player's COIN account and grants it {@code amount}; returns the account. */
  public long fundedPlayer(UUID userId, long amount) {
    long player = open(userId.toString(), AccountType.PLAYER);
    post(
        PostTransactionRequest.newBuilder()
            .setIdempotencyKey("grant-" + userId)
            .setKind(TransactionKind.GRANT)
            .addLegs(leg(promo, -amount))
            .addLegs(leg(player, amount)));
    return player;
  }

  /**
   * One round as the session posts it: stake to the house, the win back, and the house's jackpot
   * contribution into the pool, in one BET_AND_WIN.
   */
  public PostTransactionResponse round(
      String key, long player, long stake, long win, long contribution) {
    PostTransactionRequest.Builder r =
        PostTransactionRequest.newBuilder()
            .setIdempotencyKey(key)
            .setKind(TransactionKind.BET_AND_WIN)
            .setReference(Reference.newBuilder().setSessionId(key).setRound(1))
            .addLegs(leg(player, -stake))
            .addLegs(leg(house, stake));
    if (win > 0) {
      r.addLegs(leg(house, -win)).addLegs(leg(player, win));
    }
    if (contribution > 0) {
      r.addLegs(leg(house, -contribution)).addLegs(leg(pool, contribution));
    }
    return post(r);
  }

  public long balance(long account) {
    return stub.getBalance(
            dev.croupier.api.wallet.v1.GetBalanceRequest.newBuilder().setAccountId(account).build())
        .getBalance();
  }

  private PostTransactionResponse post(PostTransactionRequest.Builder r) {
    return stub.postTransaction(r.build());
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

  private static Leg leg(long account, long amount) {
    return Leg.newBuilder().setAccountId(account).setCurrency("COIN").setAmount(amount).build();
  }

  @Override
  public void close() {
    channel.shutdownNow();
    context.close();
  }
}
