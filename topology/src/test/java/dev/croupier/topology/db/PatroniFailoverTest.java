package dev.croupier.topology.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.testsupport.Requirement;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.wallet.testing.LedgerInvariants;
import dev.croupier.wallet.testing.TestWallet;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-suite proof (issue 21, item 5): the real wallet over a three-node Patroni cluster
 * through HAProxy's write port, a client that retries each post with the same idempotency key until
 * the wallet acknowledges it (as the workers' activities do), the leader SIGKILLed in the middle;
 * then, on the new leader, every acknowledged post is there exactly once and the ledger's
 * invariants hold. Then point-in-time recovery of the WAL archive (across that failover) into a new
 * PostgreSQL holds exactly the transactions before the chosen moment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PatroniFailoverTest {
  private static final Logger log = LoggerFactory.getLogger(PatroniFailoverTest.class);
  private static final int PLAYERS = 10;
  private static final long GRANT = 10_000;
  private static final long STAKE = 10;
  private static final int BEFORE_KILL = 15;
  private static final int AFTER_KILL = 15;

  /** A bound on the bets: 10 players with 10,000 each can stake 10 this often, and more. */
  private static final int MAX_BETS = 500;

  /** How long one post may keep being retried: a failover here takes well under a minute. */
  private static final Duration POST_BOUND = Duration.ofSeconds(120);

  private static Path dir;
  private static PatroniCluster cluster;
  private static TestWallet wallet;
  private static WalletGrpc.WalletBlockingStub admin;
  private static WalletGrpc.WalletBlockingStub workers;
  private static final Map<String, Long> acknowledged = new ConcurrentHashMap<>();
  private static final AtomicInteger passed = new AtomicInteger();

  @BeforeAll
  static void startClusterAndWallet() throws IOException {
    Requirement.require(
        Binaries.present(),
        "patroni, etcd and haproxy (Debian's patroni, etcd-server, haproxy)",
        "bash .ci/ensure-topology.sh");
    dir = Files.createTempDirectory(Path.of("/tmp"), "croupier-patroni-");
    cluster = PatroniCluster.start(dir, PatroniCluster.Ports.free());
    String url = cluster.writeJdbcUrl("croupier");
    // As dev migrates: the croupier role owns the schemas and grants each context role its own.
    Flyway.configure()
        .dataSource(url, "croupier", PatroniCluster.DEV_PASSWORD)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    wallet =
        TestWallet.over(url, "croupier_wallet", PatroniCluster.DEV_PASSWORD)
            .welcomeGrant(0)
            .start();
    admin = wallet.stub(ServiceNames.ADMIN);
    workers = wallet.stub();
  }

  @AfterAll
  static void stop() throws IOException, InterruptedException {
    if (wallet != null) {
      wallet.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    // Kept when a test failed: its logs are the evidence.
    if (dir != null && passed.get() == 4) {
      new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor(60, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(1)
  void killingTheLeaderUnderPostsLosesAndDoublesNoAcknowledgedPost() {
    long house = retrying("open house", () -> open("", AccountType.HOUSE));
    long promo = retrying("open promo", () -> open("", AccountType.PROMO));
    List<Long> players = new ArrayList<>();
    Map<Long, Long> expected = new ConcurrentHashMap<>();
    for (int i = 0; i < PLAYERS; i++) {
      long player =
          retrying("open player", () -> open(UUID.randomUUID().toString(), AccountType.PLAYER));
      players.add(player);
      post("grant-failover-" + i, TransactionKind.GRANT, promo, player, GRANT);
      expected.put(player, GRANT);
    }
    // The posts run on their own thread, until AFTER_KILL posts begun after the kill are
    // acknowledged; the leader is killed under them, most likely mid-post.
    List<Instant[]> bets = new CopyOnWriteArrayList<>();
    AtomicReference<Instant> killedAt = new AtomicReference<>();
    CompletableFuture<Void> posting =
        CompletableFuture.runAsync(
            () -> {
              int afterKill = 0;
              for (int i = 0; i < MAX_BETS && afterKill < AFTER_KILL; i++) {
                long player = players.get(i % PLAYERS);
                Instant start = Instant.now();
                post(
                    "session-failover/round-" + i + "/stake",
                    TransactionKind.BET,
                    player,
                    house,
                    STAKE);
                bets.add(new Instant[] {start, Instant.now()});
                expected.merge(player, -STAKE, Long::sum);
                Instant kill = killedAt.get();
                if (kill != null && start.isAfter(kill)) {
                  afterKill++;
                }
              }
            });
    await().atMost(POST_BOUND).until(() -> bets.size() >= BEFORE_KILL || posting.isDone());
    String killed = cluster.killLeader();
    killedAt.set(Instant.now());
    posting.orTimeout(POST_BOUND.toSeconds() * 2, TimeUnit.SECONDS).join();
    // Recovery: from the kill to the acknowledgement of the first post begun after it.
    Duration recovery =
        bets.stream()
            .filter(b -> b[0].isAfter(killedAt.get()))
            .map(b -> Duration.between(killedAt.get(), b[1]))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no post was begun after the kill"));
    log.info(
        "Failover: the leader {} was SIGKILLed; posts flowed again after {} ms",
        killed,
        recovery.toMillis());
    String leader = cluster.awaitLeader(Duration.ofSeconds(60));
    assertThat(leader).isNotEqualTo(killed);
    // The survivors: the new leader and its synchronous standby; the killed node is named down.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(cluster.health())
                    .containsEntry(killed, "down")
                    .containsEntry(leader, "leader")
                    .containsValue("sync_standby")
                    .containsEntry("etcd", "up")
                    .containsEntry("haproxy", "up"));
    assertThat(metrics(leader))
        .contains(
            "patroni_postgres_running{scope=\"croupier\"} 1",
            "patroni_primary{scope=\"croupier\"} 1");
    assertThat(recovery).isLessThan(POST_BOUND);

    try (Connection c = croupier(cluster.writeJdbcUrl("croupier"));
        Statement s = c.createStatement()) {
      Map<String, Long> stored = new HashMap<>();
      Map<String, Integer> copies = new HashMap<>();
      try (ResultSet rs =
          s.executeQuery(
              "select idempotency_key, id from wallet.transaction"
                  + " where idempotency_key like '%failover%'")) {
        while (rs.next()) {
          stored.put(rs.getString(1), rs.getLong(2));
          copies.merge(rs.getString(1), 1, Integer::sum);
        }
      }
      // 0 lost, 0 doubled: each acknowledged post once, with the id the wallet acknowledged.
      assertThat(stored).isEqualTo(acknowledged);
      assertThat(copies.values()).allMatch(n -> n == 1);
      assertThat(acknowledged).hasSize(PLAYERS + bets.size());
      for (long player : players) {
        try (ResultSet rs =
            s.executeQuery(
                "select sum(balance) from wallet.balance where account_id = " + player)) {
          rs.next();
          assertThat(rs.getLong(1))
              .as("balance of account %d", player)
              .isEqualTo(expected.get(player));
        }
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    assertThat(LedgerInvariants.violations(dataSource(cluster.writeJdbcUrl("croupier")))).isEmpty();
    passed.incrementAndGet();
  }

  @Test
  @Order(2)
  void pointInTimeRecoveryHoldsExactlyTheTransactionsBeforeTheMoment() {
    long house = retrying("open house", () -> open("", AccountType.HOUSE));
    long player =
        retrying("open player", () -> open(UUID.randomUUID().toString(), AccountType.PLAYER));
    long promo = retrying("open promo", () -> open("", AccountType.PROMO));
    post("grant-pitr", TransactionKind.GRANT, promo, player, GRANT);
    for (int i = 0; i < 5; i++) {
      post("session-pitr/before-" + i, TransactionKind.BET, player, house, STAKE);
    }
    Instant moment = Instant.now();
    for (int i = 0; i < 5; i++) {
      post("session-pitr/after-" + i, TransactionKind.BET, player, house, STAKE);
    }
    assertThat(keys(cluster.writeJdbcUrl("croupier"), ""))
        .contains("session-pitr/before-4", "session-pitr/after-4");

    try (RestoredDatabase restored = cluster.restoreAt(moment, dir.resolve("restore"))) {
      List<String> keys = keys(restored.jdbcUrl("croupier"), "");
      assertThat(keys).contains("grant-pitr", "session-pitr/before-0", "session-pitr/before-4");
      assertThat(keys).noneMatch(k -> k.startsWith("session-pitr/after-"));
      // Everything acknowledged before the moment, the failover's posts included, is there.
      assertThat(keys)
          .containsAll(
              acknowledged.keySet().stream()
                  .filter(k -> !k.startsWith("session-pitr/after-"))
                  .toList());
      assertThat(LedgerInvariants.violations(dataSource(restored.jdbcUrl("croupier")))).isEmpty();
      try (Connection c = croupier(restored.jdbcUrl("croupier"));
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select sum(balance) from wallet.balance where account_id = " + player)) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(GRANT - 5 * STAKE);
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
    }
    passed.incrementAndGet();
  }

  @Test
  @Order(3)
  void theKilledNodeRejoinsAsAReplica() {
    String down =
        cluster.health().entrySet().stream()
            .filter(e -> e.getValue().equals("down"))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no node is down: " + cluster.health()));
    cluster.startNode(down);
    await()
        .atMost(Duration.ofSeconds(120))
        .untilAsserted(
            () -> assertThat(cluster.health().get(down)).isIn("replica", "sync_standby"));
    passed.incrementAndGet();
  }

  @Test
  @Order(4)
  void aClusterStartedAgainFromItsFolderKeepsItsData() {
    wallet.close();
    cluster.close();
    cluster = PatroniCluster.start(dir, cluster.ports());
    assertThat(keys(cluster.writeJdbcUrl("croupier"), "")).containsAll(acknowledged.keySet());
    passed.incrementAndGet();
  }

  /** Prometheus metrics of a node's Patroni REST port. */
  private static String metrics(String node) {
    int rest = cluster.ports().rest().get(cluster.nodes().indexOf(node));
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rest + "/metrics"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> keys(String url, String where) {
    List<String> keys = new ArrayList<>();
    try (Connection c = croupier(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select idempotency_key from wallet.transaction " + where)) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return keys;
  }

  private static long open(String owner, AccountType type) {
    return admin
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .openAccount(
            OpenAccountRequest.newBuilder()
                .setOwnerId(owner)
                .setCurrency("COIN")
                .setType(type)
                .build())
        .getAccount()
        .getAccountId();
  }

  /**
   * Posts {@code amount} from one account to another, retried with the same key until acknowledged.
   */
  private static void post(String key, TransactionKind kind, long from, long to, long amount) {
    PostTransactionRequest request =
        PostTransactionRequest.newBuilder()
            .setIdempotencyKey(key)
            .setKind(kind)
            .addLegs(TestWallet.leg(from, -amount))
            .addLegs(TestWallet.leg(to, amount))
            .build();
    WalletGrpc.WalletBlockingStub stub = kind == TransactionKind.GRANT ? admin : workers;
    PostTransactionResponse response =
        retrying(key, () -> stub.withDeadlineAfter(5, TimeUnit.SECONDS).postTransaction(request));
    acknowledged.put(key, response.getTransactionId());
  }

  /**
   * Retries {@code call} while the wallet cannot answer (its database failing over), every 200 ms
   * for at most {@link #POST_BOUND}; any other error fails at once.
   */
  private static <T> T retrying(String what, Supplier<T> call) {
    AtomicReference<T> result = new AtomicReference<>();
    await(what)
        .atMost(POST_BOUND)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsMatching(PatroniFailoverTest::transientFailure)
        .until(
            () -> {
              result.set(call.get());
              return true;
            });
    return result.get();
  }

  private static boolean transientFailure(Throwable e) {
    return e instanceof StatusRuntimeException s
        && switch (s.getStatus().getCode()) {
          case UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN, ABORTED, RESOURCE_EXHAUSTED ->
              true;
          default -> false;
        };
  }

  private static Connection croupier(String url) throws SQLException {
    return DriverManager.getConnection(url, "croupier", PatroniCluster.DEV_PASSWORD);
  }

  private static PGSimpleDataSource dataSource(String url) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(url);
    ds.setUser("croupier");
    ds.setPassword(PatroniCluster.DEV_PASSWORD);
    return ds;
  }
}
