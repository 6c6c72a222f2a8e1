package dev.croupier.bench.sessions;

import dev.croupier.activities.game.GamePluginActivitiesImpl;
import dev.croupier.activities.game.SeedActivitiesImpl;
import dev.croupier.activities.ledger.LedgerActivitiesImpl;
import dev.croupier.activities.projection.SessionProjectionActivitiesImpl;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.bench.BenchTls;
import dev.croupier.client.CallSettings;
import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.client.sessions.GameSessions;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.devstack.TemporalSettings;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.Wager;
import dev.croupier.gamestore.projection.SessionProjection;
import dev.croupier.wallet.WalletApplication;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.workflows.session.GameSessionWorkflowImpl;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.SessionOptions;
import io.grpc.ManagedChannel;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Game sessions under load, on one Temporal server (the dev server where the CLI exists, else the
 * Java test server; the result says which), with the wallet and one worker in this JVM:
 *
 * <ol>
 *   <li>the floor: 100 bare workflows, closed loop, each Update running one no-op local activity;
 *   <li>saturation: 100, then 1,000 sessions betting in a closed loop through {@link GameSessions};
 *   <li>latency: 100 sessions, open loop, offered at half the floor; latency is measured from each
 *       bet's intended send time, so a stall counts against every bet it delays.
 * </ol>
 *
 * The final line is {@code RESULT bets_per_s=.. floor_updates_per_s=.. ratio=.. p50_ms=..
 * p99_ms=..}.
 */
public final class SessionBench {
  private static final Logger log = LoggerFactory.getLogger(SessionBench.class);
  static final GameRef SLOT = new GameRef("slot-classic", "1.0.0");
  static final String SESSIONS_QUEUE = "bench-sessions";

  /** The task queue of {@link FloorWorkflow}: register it on a worker to measure the floor. */
  public static final String FLOOR_QUEUE = "bench-floor";

  static final String STUBBED_QUEUE = "bench-sessions-stubbed";

  /** How bets are made: in a root span, as the gateway makes them, when telemetry is on. */
  private static BenchTelemetry BETS = BenchTelemetry.of(false);

  private SessionBench() {}

  public static void main(String[] args) throws Exception {
    String dbUrl = System.getProperty("bench.db.url");
    String dbUser = System.getProperty("bench.db.user", "croupier");
    String dbPassword = System.getProperty("bench.db.password", "croupier");
    Duration run = Duration.ofSeconds(Long.getLong("bench.duration.s", 20));
    Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup.s", 5));
    Path out = Path.of(System.getProperty("bench.out", "bench/results/session-bench.txt"));
    // "on": metrics and tracing wired as the apps wire them (bench/run-telemetry-cost.sh).
    boolean telemetryOn = "on".equals(System.getProperty("bench.telemetry", "off"));
    // "ab": only what the telemetry A/B compares (100 sessions, and the open loop at a fixed rate).
    boolean abOnly = "ab".equals(System.getProperty("bench.phases", "all"));
    double abRate = Double.parseDouble(System.getProperty("bench.open.rate", "40"));

    Flyway.configure()
        .dataSource(dbUrl, dbUser, dbPassword)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    Path state = Files.createTempDirectory("croupier-session-bench-");
    TemporalSettings settings =
        new TemporalSettings(
            Ports.LOOPBACK, Ports.freePort(), Ports.freePort(), TemporalSettings.DEFAULT_NAMESPACE);
    List<String> report = new ArrayList<>();
    try (BenchTelemetry telemetry = BenchTelemetry.of(telemetryOn);
        TemporalServer temporal =
            TemporalServer.start(settings, state, state.resolve("temporal.log"), log::info);
        BenchWallet wallet = new BenchWallet(dbUrl, dbUser, dbPassword, telemetry)) {
      report.add(
          "server="
              + temporal.kind()
              + " target="
              + temporal.target()
              + " telemetry="
              + (telemetryOn ? "on" : "off"));
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(temporal.target())
                  .setMetricsScope(telemetry.temporal.metricsScope())
                  .build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              service,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(settings.namespace())
                  // Seeds sealed in payloads, as the workers app seals them.
                  .setDataConverter(SeedSealing.random().dataConverter())
                  .setInterceptors(telemetry.temporal.clientInterceptors())
                  .build());
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(dbUrl);
      ds.setUser(dbUser);
      ds.setPassword(dbPassword);
      com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
      pool.setDataSource(ds);
      pool.setMaximumPoolSize(16);
      WorkerFactory factory =
          WorkerFactory.newInstance(
              client,
              WorkerFactoryOptions.newBuilder()
                  .setWorkflowCacheSize(10_000)
                  .setMaxWorkflowThreadCount(20_000)
                  .setUsingVirtualWorkflowThreads(true)
                  .setWorkerInterceptors(telemetry.temporal.workerInterceptors())
                  .build());
      WorkerOptions workerOptions =
          WorkerOptions.newBuilder()
              .setMaxConcurrentWorkflowTaskExecutionSize(200)
              .setMaxConcurrentLocalActivityExecutionSize(200)
              .setWorkflowTaskPollersBehavior(new PollerBehaviorAutoscaling(2, 8, 2))
              .setUsingVirtualThreads(true)
              .setLocalActivityWorkerOnly(true)
              .build();
      Worker sessionsWorker = factory.newWorker(SESSIONS_QUEUE, workerOptions);
      sessionsWorker.registerWorkflowImplementationTypes(GameSessionWorkflowImpl.class);
      sessionsWorker.registerActivitiesImplementations(
          new GamePluginActivitiesImpl(GameRegistry.load(SessionBench.class.getClassLoader())),
          new SeedActivitiesImpl(new SecureRandom()),
          new LedgerActivitiesImpl(
              wallet.stub,
              Duration.ofSeconds(5),
              LedgerActivitiesImpl.DEFAULT_JACKPOT_RESEED,
              telemetry.registry),
          new SessionProjectionActivitiesImpl(
              new SessionProjection(DSL.using(pool, SQLDialect.POSTGRES))));
      Worker stubbedWorker = factory.newWorker(STUBBED_QUEUE, workerOptions);
      stubbedWorker.registerWorkflowImplementationTypes(GameSessionWorkflowImpl.class);
      stubbedWorker.registerActivitiesImplementations(
          new GamePluginActivitiesImpl(GameRegistry.load(SessionBench.class.getClassLoader())),
          new SeedActivitiesImpl(new SecureRandom()),
          new StubbedBackends.Ledger(),
          new StubbedBackends.Projection());
      Worker floorWorker = factory.newWorker(FLOOR_QUEUE, workerOptions);
      floorWorker.registerWorkflowImplementationTypes(FloorWorkflow.Impl.class);
      floorWorker.registerActivitiesImplementations(new FloorWorkflow.NoopImpl());
      factory.start();
      GameSessions sessions =
          new GameSessions(
              client,
              new CallSettings(SESSIONS_QUEUE, Duration.ofSeconds(10), Duration.ofSeconds(120)));
      BETS = telemetry;

      if (abOnly) {
        List<OpenedSession> hundred = open(sessions, wallet, 100);
        double bets100 = saturate(sessions, hundred, warmup, run);
        long[] latencies = openLoop(sessions, hundred, abRate, run);
        double p50 = percentile(latencies, 0.50);
        double p99 = percentile(latencies, 0.99);
        report.add(
            String.format(
                Locale.ROOT,
                "RESULT telemetry=%s bets_per_s=%.1f open_rate=%.1f open_bets=%d p50_ms=%.1f"
                    + " p99_ms=%.1f",
                telemetryOn ? "on" : "off",
                bets100,
                abRate,
                latencies.length,
                p50,
                p99));
        factory.shutdownNow();
        service.shutdownNow();
        pool.close();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, report);
        report.forEach(log::info);
        return;
      }

      double floor = floor(client, 100, warmup, run);
      report.add(String.format(Locale.ROOT, "floor: 100 workflows, %.1f updates/s", floor));
      log.info(report.get(report.size() - 1));

      List<OpenedSession> hundred = open(sessions, wallet, 100);
      double bets100 = saturate(sessions, hundred, warmup, run);
      report.add(String.format(Locale.ROOT, "saturation: 100 sessions, %.1f bets/s", bets100));
      log.info(report.get(report.size() - 1));

      GameSessions stubbed =
          new GameSessions(
              client,
              new CallSettings(STUBBED_QUEUE, Duration.ofSeconds(10), Duration.ofSeconds(120)));
      double betsStubbed = saturate(stubbed, open(stubbed, wallet, 100), warmup, run);
      report.add(
          String.format(
              Locale.ROOT,
              "saturation: 100 sessions, wallet and projection stubbed out, %.1f bets/s",
              betsStubbed));
      log.info(report.get(report.size() - 1));

      List<OpenedSession> thousand = new ArrayList<>(hundred);
      thousand.addAll(open(sessions, wallet, 900));
      double bets1000 = saturate(sessions, thousand, warmup, run);
      report.add(String.format(Locale.ROOT, "saturation: 1000 sessions, %.1f bets/s", bets1000));
      log.info(report.get(report.size() - 1));

      double offered = floor / 2;
      long[] latencies = openLoop(sessions, hundred, offered, run);
      double p50 = percentile(latencies, 0.50);
      double p99 = percentile(latencies, 0.99);
      report.add(
          String.format(
              Locale.ROOT,
              "open loop: 100 sessions offered %.1f bets/s, %d bets, p50 %.1f ms, p99 %.1f ms,"
                  + " max %.1f ms",
              offered,
              latencies.length,
              p50,
              p99,
              latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1e6));
      log.info(report.get(report.size() - 1));
      report.add(
          String.format(
              Locale.ROOT,
              "RESULT bets_per_s=%.1f floor_updates_per_s=%.1f ratio=%.2f p50_ms=%.1f p99_ms=%.1f",
              bets100,
              floor,
              bets100 / floor,
              p50,
              p99));
      factory.shutdownNow();
      service.shutdownNow();
      pool.close();
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, report);
    for (String line : report) {
      log.info(line);
    }
  }

  /**
   * Updates per second of the bare workflow ({@link FloorWorkflow}, on {@link #FLOOR_QUEUE}),
   * closed loop, one caller per workflow.
   */
  public static double floor(WorkflowClient client, int workflows, Duration warmup, Duration run)
      throws Exception {
    List<WorkflowStub> stubs = new ArrayList<>();
    for (int i = 0; i < workflows; i++) {
      WorkflowStub stub =
          client.newUntypedWorkflowStub(
              "FloorWorkflow",
              WorkflowOptions.newBuilder()
                  .setTaskQueue(FLOOR_QUEUE)
                  .setWorkflowId("floor-" + UUID.randomUUID())
                  .build());
      stub.start();
      stubs.add(stub);
    }
    AtomicLong n = new AtomicLong();
    return closedLoop(
        workflows,
        warmup,
        run,
        i ->
            stubs
                .get(i)
                .startUpdate(
                    UpdateOptions.newBuilder(Long.class)
                        .setUpdateName("touch")
                        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                        .build(),
                    n.incrementAndGet())
                .getResult());
  }

  static double saturate(
      GameSessions sessions, List<OpenedSession> open, Duration warmup, Duration run)
      throws Exception {
    AtomicLong n = new AtomicLong();
    return closedLoop(
        open.size(),
        warmup,
        run,
        i -> {
          OpenedSession s = open.get(i);
          BETS.bet(
              () ->
                  sessions.placeBet(
                      BenchWallet.userOf(s),
                      s.sessionId(),
                      "bench-" + n.incrementAndGet(),
                      new Wager(100, Wager.COIN)));
        });
  }

  /** Runs {@code callers} loops of {@code call} and returns the calls per second after warmup. */
  static double closedLoop(int callers, Duration warmup, Duration run, IntConsumer call)
      throws Exception {
    LongAdder done = new LongAdder();
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + run.toNanos();
    AtomicLong counted = new AtomicLong();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < callers; i++) {
        int caller = i;
        pool.submit(
            () -> {
              while (System.nanoTime() < end) {
                call.accept(caller);
                if (System.nanoTime() >= measureFrom && System.nanoTime() < end) {
                  done.increment();
                }
              }
              return null;
            });
      }
    }
    counted.set(done.sum());
    return counted.get() / (run.toNanos() / 1e9);
  }

  /**
   * Each session bets at its own fixed interval so that the sessions together offer {@code rate}
   * bets per second. A bet that is late because the previous one is still running is timed from
   * when it should have been sent.
   */
  static long[] openLoop(GameSessions sessions, List<OpenedSession> open, double rate, Duration run)
      throws Exception {
    long interval = (long) (open.size() / rate * 1e9);
    long start = System.nanoTime() + 1_000_000_000L;
    long end = start + run.toNanos();
    List<long[]> all = new ArrayList<>();
    AtomicLong n = new AtomicLong();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < open.size(); i++) {
        OpenedSession s = open.get(i);
        long[] mine = new long[(int) (run.toNanos() / interval) + 2];
        all.add(mine);
        long offset = (long) (interval * (i / (double) open.size()));
        pool.submit(
            () -> {
              int k = 0;
              for (long due = start + offset; due < end; due += interval) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                  Thread.sleep(Duration.ofNanos(wait));
                }
                BETS.bet(
                    () ->
                        sessions.placeBet(
                            BenchWallet.userOf(s),
                            s.sessionId(),
                            "open-" + n.incrementAndGet(),
                            new Wager(100, Wager.COIN)));
                mine[k++] = System.nanoTime() - due;
              }
              return null;
            });
      }
    }
    return all.stream().flatMapToLong(a -> Arrays.stream(a).filter(v -> v > 0)).sorted().toArray();
  }

  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  static List<OpenedSession> open(GameSessions sessions, BenchWallet wallet, int count)
      throws Exception {
    List<java.util.concurrent.Future<OpenedSession>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      for (int i = 0; i < count; i++) {
        futures.add(
            pool.submit(
                () -> {
                  UUID user = UUID.randomUUID();
                  wallet.grant(user, 1_000_000_000L);
                  OpenedSession s =
                      sessions.open(
                          user,
                          SLOT,
                          null,
                          SessionOptions.DEFAULTS.withIdleTimeout(Duration.ofMinutes(30)));
                  BenchWallet.USERS.put(s.sessionId(), user);
                  return s;
                }));
      }
    }
    List<OpenedSession> out = new ArrayList<>();
    for (var f : futures) {
      out.add(f.get());
    }
    return out;
  }

  /** The wallet application in this JVM, over the bench database (also the table benchmark's). */
  public static final class BenchWallet implements AutoCloseable {
    static final java.util.Map<UUID, UUID> USERS = new java.util.concurrent.ConcurrentHashMap<>();
    final BenchTls tls = new BenchTls();
    final int port = Ports.freePort();
    final ConfigurableApplicationContext context;
    final ManagedChannel channel;
    final WalletGrpc.WalletBlockingStub stub;
    final ManagedChannel adminChannel;
    final WalletGrpc.WalletBlockingStub admin;

    public BenchWallet(String url, String user, String password) {
      this(url, user, password, BenchTelemetry.of(false));
    }

    /**
     * The wallet with metrics and tracing as {@code telemetry} has them: on, it samples every post
     * and exports its spans to the telemetry's sink; off, it keeps no meter and no span.
     */
    BenchWallet(String url, String user, String password, BenchTelemetry telemetry) {
      List<String> args = new ArrayList<>();
      if (telemetry.on) {
        args.add("--croupier.tracing.sampling=1.0");
        args.add("--croupier.tracing.otlp-endpoint=" + telemetry.otlpEndpoint());
      } else {
        args.add("--management.tracing.export.enabled=false");
        args.add("--croupier.tracing.sampling=0");
        args.add("--management.metrics.enable.all=false");
      }
      args.add("--croupier.log-format=text");
      context =
          new SpringApplicationBuilder(WalletApplication.class)
              .run(
                  Stream.concat(
                          args.stream(),
                          Stream.of(
                              "--spring.config.name=wallet-bench",
                              "--spring.main.web-application-type=none",
                              "--spring.datasource.url=" + url,
                              "--spring.datasource.username=" + user,
                              "--spring.datasource.password=" + password,
                              "--spring.datasource.hikari.maximum-pool-size=16",
                              "--spring.flyway.locations=classpath:db/migration",
                              // The bench connects as the owner, which may migrate.
                              "--spring.flyway.enabled=true",
                              "--spring.jooq.sql-dialect=postgres",
                              "--croupier.wallet.real-money-enabled=false",
                              "--croupier.wallet.tls.certificate="
                                  + tls.tls(ServiceNames.WALLET).certificate(),
                              "--croupier.wallet.tls.private-key="
                                  + tls.tls(ServiceNames.WALLET).privateKey(),
                              "--croupier.wallet.tls.trusted-ca="
                                  + tls.tls(ServiceNames.WALLET).trustedCa(),
                              "--croupier.wallet.welcome-grant.currency=COIN",
                              "--croupier.wallet.welcome-grant.amount=0",
                              "--croupier.wallet.grpc.host=" + Ports.LOOPBACK,
                              "--croupier.wallet.grpc.port=" + port,
                              "--croupier.wallet.posting.committers=4",
                              "--croupier.wallet.posting.max-batch=128",
                              "--croupier.wallet.posting.queue-capacity=8192",
                              "--croupier.wallet.posting.max-legs=32",
                              "--croupier.wallet.outbox.enabled=false",
                              "--croupier.wallet.outbox.bootstrap-servers=127.0.0.1:1",
                              "--croupier.wallet.outbox.topic=wallet.entries",
                              "--croupier.wallet.outbox.batch-size=100",
                              "--croupier.wallet.outbox.poll-interval=1s",
                              "--croupier.wallet.outbox.delivery-timeout=5s"))
                      .toArray(String[]::new));
      String target = Ports.LOOPBACK + ":" + port;
      channel = tls.tls(ServiceNames.WORKERS).walletChannel(target, telemetry.walletInterceptors());
      stub = WalletGrpc.newBlockingStub(channel);
      adminChannel = tls.tls(ServiceNames.ADMIN).walletChannel(target);
      admin = WalletGrpc.newBlockingStub(adminChannel);
    }

    static UUID userOf(OpenedSession s) {
      return USERS.get(s.sessionId());
    }

    /** The wallet's gRPC stub, presenting the workers' certificate. */
    public WalletGrpc.WalletBlockingStub stub() {
      return stub;
    }

    /** Grants {@code amount} COIN to the player from the promo account. */
    public void grant(UUID userId, long amount) {
      long player = open(userId.toString(), AccountType.PLAYER);
      long promo = open("", AccountType.PROMO);
      admin.postTransaction(
          PostTransactionRequest.newBuilder()
              .setIdempotencyKey("bench-grant-" + userId)
              .setKind(TransactionKind.GRANT)
              .addLegs(Leg.newBuilder().setAccountId(promo).setCurrency("COIN").setAmount(-amount))
              .addLegs(Leg.newBuilder().setAccountId(player).setCurrency("COIN").setAmount(amount))
              .build());
    }

    private long open(String owner, AccountType type) {
      return admin
          .openAccount(
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
      adminChannel.shutdownNow();
      context.close();
    }
  }
}
