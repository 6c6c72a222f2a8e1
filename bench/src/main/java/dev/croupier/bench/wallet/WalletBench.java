package dev.croupier.bench.wallet;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.Reference;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.bench.BenchTls;
import dev.croupier.wallet.accounts.AccountCatalog;
import dev.croupier.wallet.accounts.AccountService;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.wallet.api.TlsCallerInterceptor;
import dev.croupier.wallet.auth.ServiceMatrix;
import dev.croupier.wallet.grpc.GrpcServer;
import dev.croupier.wallet.grpc.WalletGrpcService;
import dev.croupier.wallet.history.LedgerHistory;
import dev.croupier.wallet.posting.PostingEngine;
import dev.croupier.wallet.posting.PostingSettings;
import dev.croupier.wallet.posting.PostingStats;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives BET_AND_WIN posts (one player, the house) through the wallet's gRPC API from {@code
 * callers} concurrent callers, after seeding the ledger with past entries, and prints one RESULT
 * line. Configured by system properties (see {@code bench/run-wallet-bench.sh}).
 */
public final class WalletBench {
  private static final Logger log = LoggerFactory.getLogger(WalletBench.class);

  private WalletBench() {}

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("bench.db.url");
    String user = System.getProperty("bench.db.user", "croupier");
    String password = System.getProperty("bench.db.password", "croupier");
    int players = Integer.getInteger("bench.players", 10_000);
    int grants = Integer.getInteger("bench.grants", 500_000);
    int callers = Integer.getInteger("bench.callers", 64);
    Duration warmup = Duration.ofSeconds(Integer.getInteger("bench.warmup.s", 10));
    Duration duration = Duration.ofSeconds(Integer.getInteger("bench.duration.s", 30));
    int committers = Integer.getInteger("bench.committers", 1);
    int maxBatch = Integer.getInteger("bench.maxBatch", 128);
    double pgbenchTps = Double.parseDouble(System.getProperty("bench.pgbench.tps", "0"));
    Path out = Path.of(System.getProperty("bench.out", "bench/results/wallet-bench.txt"));

    Flyway.configure()
        .dataSource(url, user, password)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    long[] playerRange;
    long seededEntries;
    try (Connection c = java.sql.DriverManager.getConnection(url, user, password)) {
      long t0 = System.nanoTime();
      playerRange =
          Boolean.parseBoolean(System.getProperty("bench.seed", "true"))
              ? LedgerSeed.seed(c, players, grants, 50_000)
              : LedgerSeed.players(c);
      try (Statement s = c.createStatement()) {
        seededEntries = LedgerSeed.one(s, "select count(*) from wallet.entry");
      }
      log.info(
          "Seeded {} entries in {} s, vacuumed and analyzed",
          seededEntries,
          (System.nanoTime() - t0) / 1_000_000_000);
    }

    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setUsername(user);
    hc.setPassword(password);
    hc.setMaximumPoolSize(committers + 4);
    BenchTls tls = new BenchTls();
    ExecutorService responses = Executors.newFixedThreadPool(2);
    try (HikariDataSource ds = new HikariDataSource(hc)) {
      DSLContext dsl = DSL.using(ds, SQLDialect.POSTGRES);
      AccountCatalog catalog = new AccountCatalog(dsl, false);
      PostingEngine engine =
          new PostingEngine(dsl, catalog, new PostingSettings(committers, maxBatch, 8192, 32));
      engine.start();
      long house;
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        house =
            LedgerSeed.one(
                s, "select id from wallet.account where type = 'HOUSE' and currency = 'COIN'");
      }
      GrpcServer server =
          new GrpcServer(
              "127.0.0.1",
              0,
              tls.tls(ServiceNames.WALLET),
              new WalletGrpcService(
                  engine,
                  new AccountService(dsl, catalog),
                  new LedgerHistory(dsl),
                  responses,
                  new ServiceMatrix(
                      ids -> {
                        java.util.Map<Long, dev.croupier.wallet.ledger.AccountType> types =
                            new java.util.HashMap<>();
                        catalog.resolve(dsl, ids).forEach((id, a) -> types.put(id, a.type()));
                        return types;
                      }),
                  WalletGrpcService.WelcomeGrantPolicy.NONE),
              new TlsCallerInterceptor());
      server.start();
      // Posts as the workers do: BET_AND_WIN under session keys, over mutual TLS.
      ManagedChannel channel =
          io.grpc.Grpc.newChannelBuilder(
                  "127.0.0.1:" + server.port(), tls.tls(ServiceNames.WORKERS).channelCredentials())
              .directExecutor()
              .build();
      WalletGrpc.WalletStub stub = WalletGrpc.newStub(channel);

      Run warm = drive(stub, callers, warmup, playerRange, house, "w");
      log.info("Warm-up: {} posts", warm.posts);
      PostingStats before = engine.stats();
      long cpuBefore = machineBusyTicks();
      long jvmCpuBefore = jvmCpuNanos();
      Run run = drive(stub, callers, duration, playerRange, house, "m");
      long cpuTicks = machineBusyTicks() - cpuBefore;
      long jvmCpu = jvmCpuNanos() - jvmCpuBefore;
      PostingStats after = engine.stats();

      channel.shutdownNow();
      server.close();
      engine.close();
      responses.shutdownNow();

      List<String> broken = invariants(ds);
      double seconds = run.nanos / 1e9;
      double postsPerS = run.posts / seconds;
      long[] lat = run.latencies();
      double p50 = lat.length == 0 ? 0 : lat[lat.length / 2] / 1e6;
      double p99 =
          lat.length == 0 ? 0 : lat[(int) Math.min(lat.length - 1, lat.length * 0.99)] / 1e6;
      double machineCpuMs = cpuTicks * 1000.0 / ticksPerSecond();
      double cpuPerPostUs = run.posts == 0 ? 0 : machineCpuMs * 1000 / run.posts;
      double jvmPerPostUs = run.posts == 0 ? 0 : jvmCpu / 1000.0 / run.posts;
      long batches = after.batches() - before.batches();
      double avgBatch = batches == 0 ? 0 : (double) (after.posts() - before.posts()) / batches;
      double ratio = pgbenchTps == 0 ? 0 : postsPerS / pgbenchTps;

      List<String> lines = new ArrayList<>();
      lines.add(
          "# wallet PostTransaction benchmark: %d callers over gRPC (Netty, loopback, service token),"
                  .formatted(callers)
              + " BET_AND_WIN player+house, %d s after %d s warm-up"
                  .formatted(duration.toSeconds(), warmup.toSeconds()));
      lines.add(
          "# ledger before run: %d entries seeded (%d players), vacuumed and analyzed; committers=%d maxBatch=%d; %d CPUs: %s"
              .formatted(
                  seededEntries,
                  players,
                  committers,
                  maxBatch,
                  Runtime.getRuntime().availableProcessors(),
                  cpuModel()));
      lines.add(
          "# posts=%d failed=%d batches=%d avg_batch=%.1f max_batch=%d"
              .formatted(run.posts, run.failures.get(), batches, avgBatch, after.maxBatch()));
      lines.add(
          "# cpu_per_post_us=%.0f (whole machine: gRPC client, server, PostgreSQL) jvm_cpu_per_post_us=%.0f (client and server JVM)"
              .formatted(cpuPerPostUs, jvmPerPostUs));
      lines.add("# invariants after run: " + (broken.isEmpty() ? "all hold" : broken));
      lines.add(
          String.format(
              Locale.ROOT,
              "RESULT wallet_posts_per_s=%.0f pgbench_tpcb_tps=%.0f ratio=%.2f p50_ms=%.2f p99_ms=%.2f",
              postsPerS,
              pgbenchTps,
              ratio,
              p50,
              p99));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.write(out, lines);
      PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
      lines.forEach(stdout::println);
      if (!broken.isEmpty()) {
        System.exit(2);
      }
    }
  }

  /** What one timed run measured. */
  private record Run(long posts, long nanos, AtomicLong failures, List<long[]> perCaller) {
    long[] latencies() {
      long[] all = perCaller.stream().flatMapToLong(Arrays::stream).filter(x -> x > 0).toArray();
      Arrays.sort(all);
      return all;
    }
  }

  /**
   * Keeps {@code callers} calls in flight for {@code duration}: each caller sends its next post as
   * soon as the previous one is answered (asynchronous stub, so 64 callers need no 64 threads).
   */
  private static Run drive(
      WalletGrpc.WalletStub stub,
      int callers,
      Duration duration,
      long[] players,
      long house,
      String phase)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(callers);
    AtomicLong posts = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    List<long[]> perCaller = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (int t = 0; t < callers; t++) {
      long[] lat = new long[400_000];
      perCaller.add(lat);
      new Caller(stub, t, phase, players, house, end, lat, posts, failures, done).next();
    }
    done.await();
    return new Run(posts.get(), System.nanoTime() - start, failures, perCaller);
  }

  /** One concurrent caller: a chain of posts, each sent when the previous one is answered. */
  private static final class Caller implements StreamObserver<PostTransactionResponse> {
    private final WalletGrpc.WalletStub stub;
    private final int id;
    private final String phase;
    private final long[] players;
    private final long house;
    private final long end;
    private final long[] lat;
    private final AtomicLong posts;
    private final AtomicLong failures;
    private final CountDownLatch done;
    private final SplittableRandom rnd;
    private int n;
    private long sentAt;

    Caller(
        WalletGrpc.WalletStub stub,
        int id,
        String phase,
        long[] players,
        long house,
        long end,
        long[] lat,
        AtomicLong posts,
        AtomicLong failures,
        CountDownLatch done) {
      this.stub = stub;
      this.id = id;
      this.phase = phase;
      this.players = players;
      this.house = house;
      this.end = end;
      this.lat = lat;
      this.posts = posts;
      this.failures = failures;
      this.done = done;
      this.rnd = new SplittableRandom(id * 7919L + phase.hashCode());
    }

    void next() {
      if (System.nanoTime() - end >= 0) {
        done.countDown();
        return;
      }
      long player = players[0] + rnd.nextLong(players[1] - players[0] + 1);
      long bet = 100;
      long win = rnd.nextInt(100) < 48 ? 200 : 0;
      PostTransactionRequest req =
          PostTransactionRequest.newBuilder()
              .setIdempotencyKey("session-bench-" + phase + "-" + id + "-" + n)
              .setKind(TransactionKind.BET_AND_WIN)
              .addLegs(leg(player, win - bet))
              .addLegs(leg(house, bet - win))
              .setReference(Reference.newBuilder().setSessionId("bench-" + id).setRound(n + 1))
              .build();
      sentAt = System.nanoTime();
      stub.withDeadlineAfter(10, TimeUnit.SECONDS).postTransaction(req, this);
    }

    @Override
    public void onNext(PostTransactionResponse value) {
      if (n < lat.length) {
        lat[n] = System.nanoTime() - sentAt;
      }
      posts.incrementAndGet();
    }

    @Override
    public void onError(Throwable t) {
      failures.incrementAndGet();
      n++;
      next();
    }

    @Override
    public void onCompleted() {
      n++;
      next();
    }
  }

  private static Leg leg(long account, long amount) {
    return Leg.newBuilder().setAccountId(account).setCurrency("COIN").setAmount(amount).build();
  }

  /** The same checks as the wallet's invariant tests, over the whole ledger. */
  static List<String> invariants(HikariDataSource ds) throws SQLException {
    String[][] checks = {
      {
        "entries sum to zero per currency",
        "select 1 from wallet.entry group by currency having sum(amount) <> 0"
      },
      {
        "transactions balance",
        "select 1 from wallet.entry group by transaction_id, currency having sum(amount) <> 0"
      },
      {
        "balances equal the sum of entries",
        "select 1 from wallet.balance b left join (select account_id, shard, sum(amount) t from wallet.entry group by 1, 2) s"
            + " on s.account_id = b.account_id and s.shard = b.shard where b.balance <> coalesce(s.t, 0)"
      },
      {
        "balance_after chain",
        "select 1 from (select balance_after, amount, lag(balance_after, 1, 0::bigint) over"
            + " (partition by account_id, shard order by id) prev from wallet.entry) e"
            + " where balance_after <> prev + amount"
      },
      {
        "no negative player",
        "select 1 from wallet.balance b join wallet.account a on a.id = b.account_id where a.type = 'PLAYER' and b.balance < 0"
      }
    };
    List<String> broken = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String[] check : checks) {
        try (ResultSet rs = s.executeQuery(check[1] + " limit 1")) {
          if (rs.next()) {
            broken.add(check[0]);
          }
        }
      }
    }
    return broken;
  }

  private static long machineBusyTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return busy;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long ticksPerSecond() {
    return 100; // USER_HZ on Linux
  }

  private static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }
}
