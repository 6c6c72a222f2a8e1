package dev.croupier.bench.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.activities.game.GamePluginActivitiesImpl;
import dev.croupier.activities.game.SeedActivitiesImpl;
import dev.croupier.activities.ledger.LedgerActivitiesImpl;
import dev.croupier.activities.projection.SessionProjectionActivitiesImpl;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.bench.BenchTls;
import dev.croupier.bench.sessions.FloorWorkflow;
import dev.croupier.bench.sessions.SessionBench;
import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.devstack.TemporalSettings;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.gamestore.projection.SessionProjection;
import dev.croupier.wallet.WalletApplication;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.workflows.session.GameSessionWorkflowImpl;
import io.grpc.ManagedChannel;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * WebSocket load: the embedded stack in this JVM (Temporal dev server and a KRaft broker as child
 * processes; the wallet, one session worker and the real gateway as Spring/Temporal apps here),
 * then N virtual players that register and log in through {@code /auth}, connect to {@code /ws},
 * open a slot session and place a bet every {@code interval} seconds, never while their last bet is
 * unanswered. Reports connections held, bets/s, latency from sending {@code bet.place} to receiving
 * {@code bet.result}, and errors; then checks the ledger's invariants in SQL. Last line: {@code
 * RESULT ccu=<n> bets_per_s=<x> p99_ms=<y> errors=<e>}.
 *
 * <p>With {@code bench.target} (for example the topology's HAProxy, {@code http://127.0.0.1:15080})
 * it starts nothing and loads that running platform instead, over {@code bench.db.url} for the
 * ledger checks: a player whose socket closes (its gateway died) reconnects through the same
 * address and goes on betting in the same session; a bet whose socket closed before its answer is
 * counted as in doubt, not as an error. At the end it checks exactly-once against the ledger: every
 * bet answered with {@code bet.result} is one {@code BET_AND_WIN} transaction of its session and
 * round ({@code lost} counts those missing), and no round is posted twice ({@code doubled}). With
 * {@code bench.players.per.address} each group of that many players connects from its own loopback
 * source address (127.1.x.y), so per-address limits and source ports are shared as among real
 * players.
 */
public final class WsLoad {
  private static final Logger log = LoggerFactory.getLogger(WsLoad.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "load test password";

  private final int players = Integer.getInteger("bench.players", 1000);
  private final int intervalS = Integer.getInteger("bench.interval.s", 10);
  private final int durationS = Integer.getInteger("bench.duration.s", 120);
  private final int setupThreads = Integer.getInteger("bench.setup.threads", 4);
  private final String dbUrl = System.getProperty("bench.db.url");
  private final String dbUser = System.getProperty("bench.db.user", "croupier");
  private final String dbPassword = System.getProperty("bench.db.password", "croupier");
  private final Path out = Path.of(System.getProperty("bench.out", "bench/results/ws-load.txt"));

  private final HttpClient http = HttpClient.newBuilder().build();
  private final String target = System.getProperty("bench.target");
  private final int playersPerAddress = Integer.getInteger("bench.players.per.address", 0);
  private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
  // Every bet answered with bet.result, as "<sessionId> <round>": what the ledger must hold once.
  private final java.util.Set<String> acked = ConcurrentHashMap.newKeySet();
  private final AtomicLong inDoubt = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private long lost;
  private long doubled;
  // With bench.kafka: ledger entries missing from wallet.entries, or there with other values.
  private final String kafka = System.getProperty("bench.kafka");
  private long entriesMissing;
  private long entriesDifferent;
  private final List<String> report = new ArrayList<>();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong bets = new AtomicLong();
  private final AtomicLongArray latencyMicros = new AtomicLongArray(2_000_000);
  private final AtomicLong latencyCount = new AtomicLong();
  // Every answered bet, warm-up included, by the 10 s window it was sent in: the report's timeline.
  private final AtomicLongArray windowBets = new AtomicLongArray(1_000);
  private final AtomicLongArray windowLate = new AtomicLongArray(1_000);
  private final AtomicLongArray windowMaxMicros = new AtomicLongArray(1_000);
  private final AtomicLongArray windowSumMicros = new AtomicLongArray(1_000);
  private final Map<String, String> errorKinds = new ConcurrentHashMap<>();
  // Every answered bet, warm-up included, as {window, micros}: the p99 of each window and of all.
  private final ConcurrentLinkedQueue<long[]> answeredBets = new ConcurrentLinkedQueue<>();
  // Upgrades the gateway accepted (HTTP 101) that the JDK client then failed to take over: the
  // client's fault, not the platform's, so they are retried and counted here, not as errors.
  private final AtomicLong clientRetries = new AtomicLong();
  private final Map<String, String> clientRetryCauses = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    new WsLoad().run();
  }

  private void line(String text) {
    log.info(text);
    report.add(text);
  }

  void run() throws Exception {
    if (target != null) {
      runAgainstTarget();
      return;
    }
    Flyway.configure()
        .dataSource(dbUrl, dbUser, dbPassword)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    Path state = Files.createTempDirectory("croupier-ws-load-");
    TemporalSettings settings =
        new TemporalSettings(
            Ports.LOOPBACK, Ports.freePort(), Ports.freePort(), TemporalSettings.DEFAULT_NAMESPACE);
    BenchTls key = new BenchTls();
    int walletPort = Ports.freePort();
    try (TemporalServer temporal =
            TemporalServer.start(settings, state, state.resolve("temporal.log"), log::info);
        KafkaBroker kafka =
            KafkaBroker.start(
                Ports.LOOPBACK,
                Ports.freePort(),
                state.resolve("kafka"),
                state.resolve("kafka.log"));
        ConfigurableApplicationContext wallet = wallet(key, walletPort);
        HikariDataSource pool = pool()) {
      line(
          "stack: temporal="
              + temporal.kind()
              + " kafka="
              + kafka.bootstrapServers()
              + " wallet=in-JVM gateway=in-JVM worker=in-JVM cpus="
              + Runtime.getRuntime().availableProcessors());
      ManagedChannel channel =
          key.tls(ServiceNames.WORKERS).walletChannel(Ports.LOOPBACK + ":" + walletPort);
      WalletGrpc.WalletBlockingStub walletStub = WalletGrpc.newBlockingStub(channel);
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              service,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(settings.namespace())
                  // Seeds sealed in payloads, as the workers app seals them.
                  .setDataConverter(SeedSealing.random().dataConverter())
                  .build());
      WorkerFactory factory =
          WorkerFactory.newInstance(
              client,
              WorkerFactoryOptions.newBuilder()
                  .setWorkflowCacheSize(10_000)
                  .setMaxWorkflowThreadCount(20_000)
                  .setUsingVirtualWorkflowThreads(true)
                  .build());
      Worker worker =
          factory.newWorker(
              "game-sessions",
              WorkerOptions.newBuilder()
                  .setMaxConcurrentWorkflowTaskExecutionSize(200)
                  .setMaxConcurrentLocalActivityExecutionSize(200)
                  .setWorkflowTaskPollersBehavior(new PollerBehaviorAutoscaling(2, 8, 2))
                  .setUsingVirtualThreads(true)
                  .setLocalActivityWorkerOnly(true)
                  .build());
      // The engine's floor on this same stack, measured after the load: one Update running one
      // no-op local activity (as run-session-bench.sh measures it), with the worker's options.
      Worker floorWorker =
          factory.newWorker(
              SessionBench.FLOOR_QUEUE,
              WorkerOptions.newBuilder()
                  .setMaxConcurrentWorkflowTaskExecutionSize(200)
                  .setMaxConcurrentLocalActivityExecutionSize(200)
                  .setWorkflowTaskPollersBehavior(new PollerBehaviorAutoscaling(2, 8, 2))
                  .setUsingVirtualThreads(true)
                  .setLocalActivityWorkerOnly(true)
                  .build());
      floorWorker.registerWorkflowImplementationTypes(FloorWorkflow.Impl.class);
      floorWorker.registerActivitiesImplementations(new FloorWorkflow.NoopImpl());
      worker.registerWorkflowImplementationTypes(GameSessionWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new GamePluginActivitiesImpl(GameRegistry.load(WsLoad.class.getClassLoader())),
          new SeedActivitiesImpl(new SecureRandom()),
          new LedgerActivitiesImpl(walletStub, Duration.ofSeconds(10)),
          new SessionProjectionActivitiesImpl(
              new SessionProjection(DSL.using(pool, SQLDialect.POSTGRES))));
      factory.start();
      try (ConfigurableApplicationContext gateway =
          gateway(temporal.target(), kafka.bootstrapServers(), key, walletPort)) {
        int port = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
        load("http://127.0.0.1:" + port, "ws://127.0.0.1:" + port);
        floor =
            SessionBench.floor(
                client, 100, Duration.ofSeconds(floorWarmupS), Duration.ofSeconds(floorS));
        line(
            String.format(
                "floor on the same stack, after the load: 100 workflows, closed loop, %.1f"
                    + " Updates/s (one no-op local activity each; %d s after %d s warm-up); the load"
                    + " offered %.2f of it",
                floor, floorS, floorWarmupS, offered / floor));
      } finally {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        service.shutdownNow();
        channel.shutdownNow();
      }
    }
    ledgerInvariants();
    // Bets sent after the first interval (the warm-up) are measured, over the rest of the run.
    double betsPerS = (double) measuredBets / Math.max(1, durationS - intervalS);
    line(
        String.format(
            "RESULT ccu=%d bets_per_s=%.1f p99_ms=%.1f p99_all_ms=%.1f errors=%d"
                + " floor_updates_per_s=%.1f offered_over_floor=%.2f",
            held,
            betsPerS,
            percentile(99) / 1000.0,
            percentileOf(answeredBets.stream().mapToLong(a -> a[1]).toArray(), 99) / 1000.0,
            errors.get(),
            floor,
            offered / floor));
    Files.createDirectories(out.getParent());
    Files.write(out, report);
  }

  /**
   * Loads the running platform at {@code bench.target}; then the ledger and exactly-once checks.
   */
  private void runAgainstTarget() throws Exception {
    line(
        "stack: external "
            + target
            + " (players per source address: "
            + (playersPerAddress > 0 ? playersPerAddress : "all on 127.0.0.1")
            + ") cpus="
            + Runtime.getRuntime().availableProcessors());
    load(target, target.replaceFirst("^http", "ws"));
    ledgerInvariants();
    exactlyOnce();
    if (kafka != null) {
      entriesMatchLedger();
    }
    double betsPerS = (double) measuredBets / Math.max(1, durationS - intervalS);
    line(
        String.format(
            "RESULT ccu=%d bets_per_s=%.1f p99_ms=%.1f errors=%d acked=%d lost=%d doubled=%d"
                + " in_doubt=%d reconnects=%d entries_missing=%d entries_different=%d",
            held,
            betsPerS,
            percentile(99) / 1000.0,
            errors.get(),
            acked.size(),
            lost,
            doubled,
            inDoubt.get(),
            reconnects.get(),
            entriesMissing,
            entriesDifferent));
    Files.createDirectories(out.getParent());
    Files.write(out, report);
  }

  /** Acknowledged bets missing from the ledger, and rounds posted more than once. */
  private void exactlyOnce() throws SQLException {
    java.util.Set<String> posted = new java.util.HashSet<>();
    try (Connection c = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "select session_id, round from wallet.transaction where kind = 'BET_AND_WIN'")) {
        while (rs.next()) {
          posted.add(rs.getString(1) + " " + rs.getLong(2));
        }
      }
      doubled =
          single(
              s,
              "select count(*) from (select session_id, round, kind from wallet.transaction where"
                  + " session_id is not null group by 1, 2, 3 having count(*) > 1) t");
    }
    lost = acked.stream().filter(a -> !posted.contains(a)).count();
    line(
        String.format(
            "exactly-once: %d bets answered with bet.result, %d of them missing from the ledger"
                + " (lost), %d rounds posted twice (doubled); %d bets in doubt (socket closed"
                + " before the answer), %d reconnects",
            acked.size(), lost, doubled, inDoubt.get(), reconnects.get()));
  }

  /**
   * {@code wallet.entries} holds every ledger entry exactly as the ledger has it: once the wallet's
   * outbox is empty, the topic is read from the beginning and each entry compared by id (its
   * transaction, account and amount). A record sent twice (the relay is at least once) is no fault.
   */
  private void entriesMatchLedger() throws Exception {
    try (Connection c = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
        Statement s = c.createStatement()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (single(s, "select count(*) from wallet.outbox") > 0 && System.nanoTime() < deadline) {
        Thread.sleep(1_000);
      }
      long backlog = single(s, "select count(*) from wallet.outbox");
      Map<Long, String> topic = new java.util.HashMap<>();
      java.util.Properties p = new java.util.Properties();
      p.put("bootstrap.servers", kafka);
      p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
      p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
      p.put("enable.auto.commit", "false");
      try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(p)) {
        var partitions =
            consumer.partitionsFor("wallet.entries").stream()
                .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        var end = consumer.endOffsets(partitions);
        long readDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
            && System.nanoTime() < readDeadline) {
          for (var r : consumer.poll(Duration.ofSeconds(1))) {
            var e = dev.croupier.wallet.api.WalletEntryEvent.decode(r.value());
            topic.put(e.entryId(), e.transactionId() + " " + e.accountId() + " " + e.amount());
          }
        }
      }
      long ledgerEntries = 0;
      try (ResultSet rs =
          s.executeQuery("select id, transaction_id, account_id, amount from wallet.entry")) {
        while (rs.next()) {
          ledgerEntries++;
          String onTopic = topic.get(rs.getLong(1));
          if (onTopic == null) {
            entriesMissing++;
          } else if (!onTopic.equals(rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getLong(4))) {
            entriesDifferent++;
          }
        }
      }
      line(
          String.format(
              "wallet.entries: %d ledger entries, %d distinct on the topic; %d missing from it, %d"
                  + " different, outbox backlog %d -> %s",
              ledgerEntries,
              topic.size(),
              entriesMissing,
              entriesDifferent,
              backlog,
              entriesMissing == 0 && entriesDifferent == 0 ? "OK" : "BROKEN"));
    }
  }

  /** The client of player {@code n}: its own loopback source address when spreading. */
  private HttpClient client(int n) {
    if (playersPerAddress <= 0) {
      return http;
    }
    int k = n / playersPerAddress;
    String address = "127.1." + (k / 250) + "." + (k % 250 + 1);
    return clients.computeIfAbsent(
        address,
        a -> {
          try {
            return HttpClient.newBuilder().localAddress(java.net.InetAddress.getByName(a)).build();
          } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private long held;
  private double floor;
  private double offered;
  private final int floorS = Integer.getInteger("bench.floor.s", 20);
  private final int floorWarmupS = Integer.getInteger("bench.floor.warmup.s", 5);
  private volatile long runStart;
  private long measuredBets;

  private void load(String base, String wsBase) throws Exception {
    long t0 = System.nanoTime();
    List<String[]> credentials = new ArrayList<>();
    for (int i = 0; i < players; i++) {
      credentials.add(new String[] {"load-" + UUID.randomUUID() + "@example.com", "Player " + i});
    }
    List<String> tokens = new ArrayList<>(java.util.Collections.nCopies(players, (String) null));
    try (ExecutorService setup = Executors.newFixedThreadPool(setupThreads)) {
      List<CompletableFuture<Void>> done = new ArrayList<>();
      for (int i = 0; i < players; i++) {
        int n = i;
        done.add(
            CompletableFuture.runAsync(
                () -> {
                  String[] c = credentials.get(n);
                  post(
                      client(n),
                      base + "/auth/register",
                      Map.of("email", c[0], "password", PASSWORD, "displayName", c[1]),
                      201);
                  JsonNode t =
                      post(
                          client(n),
                          base + "/auth/login",
                          Map.of("email", c[0], "password", PASSWORD),
                          200);
                  tokens.set(n, t.get("accessToken").asText());
                },
                setup));
      }
      CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    }
    line(
        String.format(
            "setup: %d players registered and logged in through /auth in %.0f s (Argon2id on every"
                + " registration and login)",
            players, (System.nanoTime() - t0) / 1e9));

    long t1 = System.nanoTime();
    List<Player> all = new ArrayList<>();
    Semaphore opening = new Semaphore(64);
    for (int i = 0; i < players; i++) {
      Player p = new Player(i);
      all.add(p);
      opening.acquire();
      p.connect(URI.create(wsBase + "/ws"), tokens.get(i), 3)
          .thenCompose(x -> p.request("session.open", Map.of("gameId", "slot-classic")))
          .whenComplete(
              (opened, e) -> {
                opening.release();
                if (e != null || !"session.opened".equals(opened.path("type").asText())) {
                  error("open", e != null ? describe(e) : opened.toString());
                } else {
                  p.sessionId = opened.at("/payload/sessionId").asText();
                }
              });
    }
    opening.acquire(64);
    opening.release(64);
    long open = all.stream().filter(p -> p.sessionId != null).count();
    line(
        String.format(
            "connect: %d sockets, %d sessions open in %.0f s",
            all.stream().filter(Player::isOpen).count(), open, (System.nanoTime() - t1) / 1e9));

    // Each player spins every interval, like a person at the reels: never while the last spin is
    // unanswered (the client disables the button). A late answer makes the next spin go at once,
    // so the offered rate falls to what the platform sustains instead of piling up a queue.
    ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(durationS);
    long warmupEnd = start + TimeUnit.SECONDS.toNanos(intervalS);
    runStart = start;
    for (Player p : all) {
      if (p.sessionId == null) {
        continue;
      }
      long offset = (long) (Math.random() * intervalS * 1000);
      timer.schedule(() -> p.spinLoop(timer, warmupEnd, end), offset, TimeUnit.MILLISECONDS);
    }
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime()) + 1_000);
    timer.shutdown();
    // Let the last bets answer.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (all.stream().anyMatch(p -> p.inFlight.get() > 0) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    long unanswered = all.stream().mapToLong(p -> p.inFlight.get()).sum();
    if (unanswered > 0) {
      errors.addAndGet(unanswered);
      errorKinds.put("unanswered", String.valueOf(unanswered));
    }
    held = all.stream().filter(Player::isOpen).count();
    offered = (double) open / intervalS;
    measuredBets = bets.get();
    line(
        String.format(
            "run: %d s, a bet every %d s per player (offered %.1f/s): %d bets measured after the"
                + " first interval, %d answered later than the interval, %d connections held at"
                + " the end",
            durationS, intervalS, offered, measuredBets, late(), held));
    line(
        String.format(
            "latency bet.place -> bet.result: p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms",
            percentile(50) / 1000.0,
            percentile(95) / 1000.0,
            percentile(99) / 1000.0,
            percentile(100) / 1000.0));
    line(
        String.format(
            "latency over the whole run, first interval included: p50=%.1f ms p99=%.1f ms"
                + " (%d answered)",
            percentileOf(answeredBets.stream().mapToLong(a -> a[1]).toArray(), 50) / 1000.0,
            percentileOf(answeredBets.stream().mapToLong(a -> a[1]).toArray(), 99) / 1000.0,
            answeredBets.size()));
    for (int w = 0; w * 10 < durationS; w++) {
      long n = windowBets.get(w);
      int window = w;
      long[] inWindow =
          answeredBets.stream().filter(a -> a[0] == window).mapToLong(a -> a[1]).toArray();
      line(
          String.format(
              "  sent in %3d-%3d s: %5d answered, mean %.1f ms, p99 %.1f ms, max %.1f ms, %d later"
                  + " than the interval",
              w * 10,
              w * 10 + 10,
              n,
              n == 0 ? 0.0 : windowSumMicros.get(w) / 1000.0 / n,
              percentileOf(inWindow, 99) / 1000.0,
              windowMaxMicros.get(w) / 1000.0,
              windowLate.get(w)));
    }
    line("errors: " + errors.get() + (errorKinds.isEmpty() ? "" : " " + errorKinds));
    line(
        "client handshake retries (the gateway answered 101, the JDK client failed after it): "
            + clientRetries.get()
            + (clientRetryCauses.isEmpty() ? "" : " " + clientRetryCauses));
    for (Player p : all) {
      p.close();
    }
  }

  private void ledgerInvariants() throws SQLException {
    try (Connection c = DriverManager.getConnection(dbUrl, dbUser, dbPassword);
        Statement s = c.createStatement()) {
      long unbalanced =
          single(
              s,
              "select count(*) from (select transaction_id, currency from wallet.entry"
                  + " group by 1, 2 having sum(amount) <> 0) t");
      long drift =
          single(
              s,
              "select count(*) from wallet.balance b where b.balance <> coalesce((select"
                  + " sum(e.amount) from wallet.entry e where e.account_id = b.account_id and"
                  + " e.shard = b.shard), 0)");
      long negative =
          single(
              s,
              "select count(*) from wallet.balance b join wallet.account a on a.id = b.account_id"
                  + " where a.type = 'PLAYER' and b.balance < 0");
      long total = single(s, "select coalesce(sum(amount), 0) from wallet.entry");
      long rounds = single(s, "select count(*) from wallet.transaction where kind = 'BET_AND_WIN'");
      long duplicates =
          single(
              s,
              "select count(*) from (select session_id, round, kind from wallet.transaction where"
                  + " session_id is not null group by 1, 2, 3 having count(*) > 1) t");
      boolean ok = unbalanced == 0 && drift == 0 && negative == 0 && total == 0 && duplicates == 0;
      line(
          String.format(
              "ledger: %d BET_AND_WIN rounds; unbalanced transactions=%d, balances off their"
                  + " entries=%d, negative players=%d, sum of all entries=%d, rounds posted twice=%d"
                  + " -> %s",
              rounds, unbalanced, drift, negative, total, duplicates, ok ? "OK" : "BROKEN"));
      if (!ok) {
        errors.incrementAndGet();
      }
    }
  }

  private static long single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long percentileOf(long[] values, int p) {
    if (values.length == 0) {
      return 0;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int index =
        (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.length) - 1));
    return sorted[index];
  }

  private long percentile(int p) {
    long n = Math.min(latencyCount.get(), latencyMicros.length());
    if (n == 0) {
      return 0;
    }
    long[] values = new long[(int) n];
    for (int i = 0; i < n; i++) {
      values[i] = latencyMicros.get(i);
    }
    Arrays.sort(values);
    int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(p / 100.0 * n) - 1));
    return values[index];
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode tree(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Bets answered later than the player's interval, warm-up included. */
  private long late() {
    long sum = 0;
    for (int w = 0; w < windowLate.length(); w++) {
      sum += windowLate.get(w);
    }
    return sum;
  }

  /**
   * A failure with the HTTP status and body of a refused upgrade, which the exception hides. The
   * JDK client also throws its handshake exception after a successful upgrade (HTTP 101) when its
   * own checks or its taking over of the connection fail: then the cause says why.
   */
  static String describe(Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof WebSocketHandshakeException h) {
      int status = h.getResponse().statusCode();
      if (status == 101) {
        return "upgrade accepted (HTTP 101), then the client failed: " + h.getCause();
      }
      return "upgrade refused: HTTP " + status + " " + h.getResponse().body();
    }
    return cause.toString();
  }

  /** Whether the gateway accepted the upgrade and only the client failed after it. */
  static boolean clientSideHandshakeFailure(Throwable e) {
    return unwrap(e) instanceof WebSocketHandshakeException h
        && h.getResponse().statusCode() == 101;
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  private void error(String kind, String detail) {
    errors.incrementAndGet();
    errorKinds.merge(kind, detail, (a, b) -> a);
  }

  private JsonNode post(HttpClient http, String url, Object body, int expected) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json(body)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != expected) {
        throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
      }
      return tree(r.body());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** One virtual player: a socket, its session, its bets in flight. */
  private final class Player implements WebSocket.Listener {
    final int n;
    volatile WebSocket socket;
    volatile String sessionId;
    final AtomicLong inFlight = new AtomicLong();
    final Map<String, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    final StringBuilder partial = new StringBuilder();
    volatile boolean closed;
    volatile URI uri;
    volatile String accessToken;

    Player(int n) {
      this.n = n;
    }

    /**
     * A non-browser client: the token goes in a header, never in the URL. An upgrade that the
     * gateway accepted but the client failed to take over is tried again, up to {@code attempts} in
     * all, as a browser would reconnect; any other failure is final.
     */
    CompletableFuture<WebSocket> connect(URI uri, String accessToken, int attempts) {
      this.uri = uri;
      this.accessToken = accessToken;
      return client(n)
          .newWebSocketBuilder()
          .subprotocols("croupier.v1")
          .header("Authorization", "Bearer " + accessToken)
          .connectTimeout(Duration.ofSeconds(30))
          .buildAsync(uri, this)
          .handle(
              (ws, e) -> {
                if (e == null) {
                  socket = ws;
                  return CompletableFuture.completedFuture(ws);
                }
                if (attempts > 1 && clientSideHandshakeFailure(e)) {
                  clientRetries.incrementAndGet();
                  clientRetryCauses.merge(describe(e), "1", (a, b) -> a);
                  return connect(uri, accessToken, attempts - 1);
                }
                return CompletableFuture.<WebSocket>failedFuture(e);
              })
          .thenCompose(f -> f);
    }

    /**
     * Connects again through the same address (HAProxy sends it to a gateway that is up), retrying
     * every second until {@code deadline}: the session is the same, only the socket is new.
     */
    CompletableFuture<Void> reconnect(long deadline) {
      synchronized (this) {
        partial.setLength(0);
      }
      return connect(uri, accessToken, 3)
          .handle(
              (ws, e) -> {
                if (e == null) {
                  closed = false;
                  reconnects.incrementAndGet();
                  return CompletableFuture.<Void>completedFuture(null);
                }
                if (System.nanoTime() > deadline) {
                  return CompletableFuture.<Void>failedFuture(e);
                }
                return CompletableFuture.runAsync(
                        () -> {}, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
                    .thenCompose(x -> reconnect(deadline));
              })
          .thenCompose(f -> f);
    }

    /** Fails the requests a closed socket will never answer: their outcome is in doubt. */
    void abandonReplies() {
      for (var reply : replies.values()) {
        reply.completeExceptionally(new SocketClosed());
      }
      replies.clear();
    }

    boolean isOpen() {
      return socket != null && !closed && !socket.isOutputClosed() && !socket.isInputClosed();
    }

    CompletableFuture<JsonNode> request(String type, Object payload) {
      String id = UUID.randomUUID().toString();
      CompletableFuture<JsonNode> reply = new CompletableFuture<>();
      replies.put(id, reply);
      String frame = json(Map.of("id", id, "type", type, "payload", payload));
      try {
        synchronized (this) {
          socket.sendText(frame, true).join();
        }
      } catch (RuntimeException e) {
        // The socket closed under the send: the request never left, or its fate is unknown.
        replies.remove(id);
        return CompletableFuture.failedFuture(new SocketClosed());
      }
      return reply.orTimeout(120, TimeUnit.SECONDS);
    }

    /** Spins now, and once answered schedules the next spin one interval after this one. */
    void spinLoop(ScheduledExecutorService timer, long warmupEnd, long end) {
      long sent = System.nanoTime();
      if (sent >= end) {
        return;
      }
      if (!isOpen()) {
        if (target == null) {
          error("closed", "socket of player " + n + " closed");
          return;
        }
        reconnect(System.nanoTime() + TimeUnit.SECONDS.toNanos(120))
            .whenComplete(
                (x, e) -> {
                  if (e != null) {
                    error("reconnect", describe(e));
                  } else if (!timer.isShutdown()) {
                    timer.schedule(() -> spinLoop(timer, warmupEnd, end), 0, TimeUnit.SECONDS);
                  }
                });
        return;
      }
      inFlight.incrementAndGet();
      request("bet.place", Map.of("sessionId", sessionId, "amount", 100, "currency", "COIN"))
          .whenComplete(
              (r, e) -> {
                long answered = System.nanoTime();
                inFlight.decrementAndGet();
                long micros = (answered - sent) / 1000;
                long next = sent + TimeUnit.SECONDS.toNanos(intervalS);
                int window =
                    (int) Math.min(windowBets.length() - 1, (sent - runStart) / 10_000_000_000L);
                windowBets.incrementAndGet(window);
                windowSumMicros.addAndGet(window, micros);
                windowMaxMicros.accumulateAndGet(window, micros, Math::max);
                answeredBets.add(new long[] {window, micros});
                if (answered > next) {
                  windowLate.incrementAndGet(window);
                }
                if (e != null && unwrap(e) instanceof SocketClosed) {
                  inDoubt.incrementAndGet();
                } else if (e != null) {
                  error("bet", e.toString());
                } else if (!"bet.result".equals(r.path("type").asText())) {
                  error(r.path("code").asText("bet"), r.toString());
                } else {
                  acked.add(
                      r.at("/payload/sessionId").asText() + " " + r.at("/payload/round").asLong());
                }
                if (e == null
                    && "bet.result".equals(r.path("type").asText())
                    && sent >= warmupEnd) {
                  bets.incrementAndGet();
                  long i = latencyCount.getAndIncrement();
                  if (i < latencyMicros.length()) {
                    latencyMicros.set((int) i, micros);
                  }
                }
                if (!timer.isShutdown()) {
                  timer.schedule(
                      () -> spinLoop(timer, warmupEnd, end),
                      Math.max(0, next - answered),
                      TimeUnit.NANOSECONDS);
                }
              });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        JsonNode frame = tree(partial.toString());
        partial.setLength(0);
        JsonNode re = frame.get("re");
        if (re != null && re.isTextual()) {
          CompletableFuture<JsonNode> f = replies.remove(re.textValue());
          if (f != null) {
            f.complete(frame);
          }
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      if (webSocket == socket) {
        closed = true;
        abandonReplies();
      }
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      if (webSocket == socket) {
        closed = true;
        abandonReplies();
      }
    }

    void close() {
      if (socket != null) {
        socket.abort();
      }
    }
  }

  /** A request whose socket closed before its answer came. */
  private static final class SocketClosed extends RuntimeException {
    SocketClosed() {
      super("socket closed before the answer", null, false, false);
    }
  }

  private HikariDataSource pool() {
    HikariDataSource pool = new HikariDataSource();
    pool.setJdbcUrl(dbUrl);
    pool.setUsername(dbUser);
    pool.setPassword(dbPassword);
    pool.setMaximumPoolSize(16);
    return pool;
  }

  private ConfigurableApplicationContext wallet(BenchTls key, int port) {
    return new SpringApplicationBuilder(WalletApplication.class)
        .run(
            "--spring.config.name=wallet-load",
            "--spring.main.web-application-type=none",
            "--spring.datasource.url=" + dbUrl,
            "--spring.datasource.username=" + dbUser,
            "--spring.datasource.password=" + dbPassword,
            "--spring.datasource.hikari.maximum-pool-size=16",
            "--spring.flyway.locations=classpath:db/migration",
            // The bench connects as the owner, which may migrate.
            "--spring.flyway.enabled=true",
            "--spring.jooq.sql-dialect=postgres",
            "--croupier.wallet.real-money-enabled=false",
            "--croupier.wallet.tls.certificate=" + key.tls(ServiceNames.WALLET).certificate(),
            "--croupier.wallet.tls.private-key=" + key.tls(ServiceNames.WALLET).privateKey(),
            "--croupier.wallet.tls.trusted-ca=" + key.tls(ServiceNames.WALLET).trustedCa(),
            "--croupier.wallet.welcome-grant.currency=COIN",
            "--croupier.wallet.welcome-grant.amount=100000",
            "--croupier.wallet.grpc.host=" + Ports.LOOPBACK,
            "--croupier.wallet.grpc.port=" + port,
            "--croupier.wallet.posting.committers=2",
            "--croupier.wallet.posting.max-batch=128",
            "--croupier.wallet.posting.queue-capacity=8192",
            "--croupier.wallet.posting.max-legs=32",
            "--croupier.wallet.outbox.enabled=false",
            "--croupier.wallet.outbox.bootstrap-servers=127.0.0.1:1",
            "--croupier.wallet.outbox.topic=wallet.entries",
            "--croupier.wallet.outbox.batch-size=100",
            "--croupier.wallet.outbox.poll-interval=1s",
            "--croupier.wallet.outbox.delivery-timeout=5s",
            "--logging.level.dev.croupier=WARN");
  }

  private ConfigurableApplicationContext gateway(
      String temporal, String kafka, BenchTls key, int walletPort) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    // The gateway is an app, which bench may not link against: the script puts it on the path.
    Class<?> app = Class.forName("dev.croupier.gateway.GatewayApplication");
    String high = "1000000000";
    return new SpringApplicationBuilder(app)
        .run(
            "--server.port=0",
            "--spring.datasource.url=" + dbUrl,
            "--spring.datasource.username=" + dbUser,
            "--spring.datasource.password=" + dbPassword,
            "--croupier.identity.jwt.signing-key=" + pem,
            "--croupier.identity.access-token-ttl=60m",
            "--croupier.wallet.target=127.0.0.1:" + walletPort,
            "--croupier.wallet.tls.certificate=" + key.tls(ServiceNames.GATEWAY).certificate(),
            "--croupier.wallet.tls.private-key=" + key.tls(ServiceNames.GATEWAY).privateKey(),
            "--croupier.wallet.tls.trusted-ca=" + key.tls(ServiceNames.GATEWAY).trustedCa(),
            "--croupier.temporal.target=" + temporal,
            "--croupier.gateway.realtime.bootstrap-servers=" + kafka,
            // The live flags' consumer too: left to its default it retried 127.0.0.1:9092.
            "--croupier.features.bootstrap-servers=" + kafka,
            // All virtual players come from one address: the per-address limits are for people.
            "--croupier.rate-limits.login.per-ip.capacity=" + high,
            "--croupier.rate-limits.login.per-ip.period=1s",
            "--croupier.rate-limits.login.per-user.capacity=" + high,
            "--croupier.rate-limits.login.per-user.period=1s",
            "--croupier.rate-limits.register.per-ip.capacity=" + high,
            "--croupier.rate-limits.register.per-ip.period=1s",
            "--croupier.rate-limits.register.per-user.capacity=" + high,
            "--croupier.rate-limits.register.per-user.period=1s",
            "--logging.level.dev.croupier=WARN");
  }
}
