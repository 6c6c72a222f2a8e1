package dev.croupier.wallet;

import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.wallet.accounts.AccountCatalog;
import dev.croupier.wallet.accounts.AccountService;
import dev.croupier.wallet.grpc.WalletGrpcService;
import dev.croupier.wallet.history.LedgerHistory;
import dev.croupier.wallet.posting.PostingEngine;
import dev.croupier.wallet.posting.PostingSettings;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The wallet's ledger wired as in production (engine, repositories, gRPC service) over a real
 * PostgreSQL database, served in-process to tests of the ledger itself, which call it through the
 * generated gRPC stub. In-process there is no TLS peer, so this harness lets every call through;
 * the caller's identity and the authorization matrix are tested over real mutual TLS in {@code
 * WalletAuthorizationTest} and {@code WalletApplicationTest}.
 */
final class WalletHarness implements AutoCloseable {
  final PostgresDatabase db;
  final HikariDataSource dataSource;
  final DSLContext dsl;
  final AccountCatalog catalog;
  final AccountService accounts;
  final LedgerHistory history;
  final PostingEngine engine;
  final ManagedChannel channel;
  final WalletGrpc.WalletBlockingStub wallet;
  private final ExecutorService responses = Executors.newFixedThreadPool(2);
  private final Server server;

  private WalletHarness(PostgresDatabase db, PostingSettings settings, boolean realMoney) {
    this.db = db;
    this.dataSource = db.dataSource(settings.committers() + 8);
    this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    this.catalog = new AccountCatalog(dsl, realMoney);
    this.accounts = new AccountService(dsl, catalog);
    this.history = new LedgerHistory(dsl);
    this.engine = new PostingEngine(dsl, catalog, settings);
    engine.start();
    String name = "wallet-" + UUID.randomUUID();
    try {
      this.server =
          InProcessServerBuilder.forName(name)
              .addService(
                  new WalletGrpcService(
                      engine,
                      accounts,
                      history,
                      responses,
                      (caller, call) -> {},
                      WalletGrpcService.WelcomeGrantPolicy.NONE))
              .build()
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.channel = InProcessChannelBuilder.forName(name).build();
    this.wallet = WalletGrpc.newBlockingStub(channel);
  }

  static WalletHarness start(PostgresDatabase db) {
    return new WalletHarness(db, PostingSettings.DEFAULTS, false);
  }

  static WalletHarness start(PostgresDatabase db, PostingSettings settings, boolean realMoney) {
    return new WalletHarness(db, settings, realMoney);
  }

  long openPlayer() {
    return open(UUID.randomUUID().toString(), "COIN", AccountType.PLAYER);
  }

  long open(String owner, String currency, AccountType type) {
    return wallet
        .openAccount(
            OpenAccountRequest.newBuilder()
                .setOwnerId(owner)
                .setCurrency(currency)
                .setType(type)
                .build())
        .getAccount()
        .getAccountId();
  }

  long house(String currency) {
    return open("", currency, AccountType.HOUSE);
  }

  long promo(String currency) {
    return open("", currency, AccountType.PROMO);
  }

  /** A new player holding {@code coins} granted from the promo budget. */
  long fundedPlayer(long coins) {
    long player = openPlayer();
    post("grant-" + player, TransactionKind.GRANT, leg(promo("COIN"), -coins), leg(player, coins));
    return player;
  }

  PostTransactionResponse post(String key, TransactionKind kind, Leg... legs) {
    return wallet.postTransaction(request(key, kind, legs));
  }

  static PostTransactionRequest request(String key, TransactionKind kind, Leg... legs) {
    return PostTransactionRequest.newBuilder()
        .setIdempotencyKey(key)
        .setKind(kind)
        .addAllLegs(List.of(legs))
        .build();
  }

  static Leg leg(long account, long amount) {
    return leg(account, "COIN", amount);
  }

  static Leg leg(long account, String currency, long amount) {
    return Leg.newBuilder().setAccountId(account).setCurrency(currency).setAmount(amount).build();
  }

  long balance(long account) {
    return accounts.balance(account).balance();
  }

  /** A single number from SQL. */
  long queryLong(String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** A single string from SQL. */
  String queryString(String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Everything a failed post must leave unchanged. */
  String ledgerState() {
    return queryLong("select count(*) from wallet.transaction")
        + "/"
        + queryLong("select count(*) from wallet.entry")
        + "/"
        + queryLong("select count(*) from wallet.outbox")
        + "/"
        + queryLong(
            "select coalesce(sum(hashtext(account_id || ':' || shard || ':' || balance)), 0)"
                + " from wallet.balance")
        + "/"
        + queryLong("select count(*) from wallet.account");
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
    engine.close();
    responses.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dataSource.close();
  }
}
