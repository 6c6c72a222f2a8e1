package dev.croupier.bench.tables;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.activities.game.SeedActivitiesImpl;
import dev.croupier.activities.table.HoleCardSealer;
import dev.croupier.activities.table.TableEventActivitiesImpl;
import dev.croupier.activities.table.TableLedgerActivitiesImpl;
import dev.croupier.bench.sessions.FloorWorkflow;
import dev.croupier.bench.sessions.SessionBench;
import dev.croupier.bench.sessions.SessionBench.BenchWallet;
import dev.croupier.client.CallSettings;
import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.client.tables.GameTables;
import dev.croupier.client.testing.PokerTableClient;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.devstack.TemporalSettings;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.table.SeatStatus;
import dev.croupier.games.poker.Action;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.games.poker.TableView;
import dev.croupier.gamestore.tables.TableEventOutbox;
import dev.croupier.workflows.table.TableAck;
import dev.croupier.workflows.table.TableOptions;
import dev.croupier.workflows.table.TableStatus;
import dev.croupier.workflows.table.TableWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands per second through the poker table workflow on one Temporal server (the dev server where
 * the CLI exists, else the Java test server; the result says which), with the wallet and one worker
 * in this JVM over PostgreSQL: every buy-in and rake is a real ledger post, every event a real
 * outbox row with sealed hole cards (no relay runs; the outbox only fills).
 *
 * <p>For each table count (default 1, 4 and 16), that many 3-seat tables (blinds 5/10, 5% rake
 * capped at 30) are opened, three bots sit at each, and each table's bots play in a closed loop
 * through {@link GameTables}, as the gateway would: a {@code view} query to see whose turn it is,
 * then an {@code act} Update (mostly check and call, sometimes fold, bet, raise or all-in). Hands
 * that end inside the measured window count; busted bots buy in again. The final line is {@code
 * RESULT hands_per_s=.. tables=.. actions_per_s=.. hand_p50_ms=.. act_p50_ms=.. act_p99_ms=..} for
 * the phase with {@code bench.result.tables} tables (default 4).
 */
public final class TableBench {
  private static final Logger log = LoggerFactory.getLogger(TableBench.class);
  static final String QUEUE = "bench-tables";
  static final TableConfig CONFIG = new TableConfig("COIN", 3, 5, 10, 100, 1_000, 500, 30);

  /** One phase's figures. */
  record Phase(
      int tables,
      double handsPerSecond,
      double actionsPerSecond,
      double handP50Ms,
      double handP99Ms,
      double actP50Ms,
      double actP99Ms,
      double viewP50Ms,
      long rejected) {}

  private TableBench() {}

  public static void main(String[] args) throws Exception {
    String dbUrl = System.getProperty("bench.db.url");
    String dbUser = System.getProperty("bench.db.user", "croupier");
    String dbPassword = System.getProperty("bench.db.password", "croupier");
    Duration run = Duration.ofSeconds(Long.getLong("bench.duration.s", 30));
    Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup.s", 5));
    int[] phases =
        Arrays.stream(System.getProperty("bench.tables", "1,4,16").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int resultTables = Integer.getInteger("bench.result.tables", 4);
    Path out = Path.of(System.getProperty("bench.out", "bench/results/table-bench.txt"));

    Flyway.configure()
        .dataSource(dbUrl, dbUser, dbPassword)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    Path state = Files.createTempDirectory("croupier-table-bench-");
    TemporalSettings settings =
        new TemporalSettings(
            Ports.LOOPBACK, Ports.freePort(), Ports.freePort(), TemporalSettings.DEFAULT_NAMESPACE);
    List<String> report = new ArrayList<>();
    try (TemporalServer temporal =
            TemporalServer.start(settings, state, state.resolve("temporal.log"), log::info);
        BenchWallet wallet = new BenchWallet(dbUrl, dbUser, dbPassword);
        HikariDataSource pool = new HikariDataSource()) {
      report.add(
          "server="
              + temporal.kind()
              + " target="
              + temporal.target()
              + " cpus="
              + Runtime.getRuntime().availableProcessors());
      pool.setJdbcUrl(dbUrl);
      pool.setUsername(dbUser);
      pool.setPassword(dbPassword);
      pool.setMaximumPoolSize(16);
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
      // The workers app's tuning (croupier.temporal.worker.*).
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
              QUEUE,
              WorkerOptions.newBuilder()
                  .setMaxConcurrentWorkflowTaskExecutionSize(200)
                  .setMaxConcurrentLocalActivityExecutionSize(200)
                  .setWorkflowTaskPollersBehavior(new PollerBehaviorAutoscaling(2, 8, 2))
                  .setUsingVirtualThreads(true)
                  .setLocalActivityWorkerOnly(true)
                  .build());
      // The engine's floor on this same server and worker tuning, measured before the tables play:
      // one Update running one no-op local activity, as run-session-bench.sh measures it.
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
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(3072);
      worker.registerWorkflowImplementationTypes(TableWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new SeedActivitiesImpl(new SecureRandom()),
          new TableLedgerActivitiesImpl(wallet.stub(), Duration.ofSeconds(5)),
          new TableEventActivitiesImpl(
              new TableEventOutbox(DSL.using(pool, SQLDialect.POSTGRES)),
              new ObjectMapper(),
              new HoleCardSealer(rsa.generateKeyPair().getPublic()),
              "table.events",
              "lobby.tables"));
      factory.start();
      PokerTableClient tables =
          new PokerTableClient(
              new GameTables(
                  client,
                  new CallSettings(QUEUE, Duration.ofSeconds(10), Duration.ofSeconds(120))));

      double floor = SessionBench.floor(client, 100, warmup, run);
      report.add(
          String.format(
              Locale.ROOT,
              "floor on the same server: 100 workflows, closed loop, %.1f Updates/s (one no-op local"
                  + " activity each)",
              floor));
      log.info(report.get(report.size() - 1));
      Phase result = null;
      for (int count : phases) {
        Phase phase = phase(tables, wallet, count, warmup, run);
        report.add(
            String.format(
                Locale.ROOT,
                "%d table(s) x 3 bots: %.1f hands/s, %.1f actions/s (%.2f of the floor); hand p50"
                    + " %.0f ms, p99 %.0f ms; act p50 %.1f ms, p99 %.1f ms; view query p50 %.1f ms;"
                    + " %d bot requests rejected",
                phase.tables(),
                phase.handsPerSecond(),
                phase.actionsPerSecond(),
                phase.actionsPerSecond() / floor,
                phase.handP50Ms(),
                phase.handP99Ms(),
                phase.actP50Ms(),
                phase.actP99Ms(),
                phase.viewP50Ms(),
                phase.rejected()));
        log.info(report.get(report.size() - 1));
        if (count == resultTables || result == null) {
          result = phase;
        }
      }
      report.add(
          String.format(
              Locale.ROOT,
              "RESULT hands_per_s=%.1f tables=%d actions_per_s=%.1f floor_updates_per_s=%.1f"
                  + " hand_p50_ms=%.0f act_p50_ms=%.1f act_p99_ms=%.1f",
              result.handsPerSecond(),
              result.tables(),
              result.actionsPerSecond(),
              floor,
              result.handP50Ms(),
              result.actP50Ms(),
              result.actP99Ms()));
      factory.shutdownNow();
      service.shutdownNow();
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.write(out, report);
    for (String line : report) {
      log.info(line);
    }
  }

  /** Opens {@code count} tables, lets their bots play for warmup + run, and measures the run. */
  static Phase phase(
      PokerTableClient tables, BenchWallet wallet, int count, Duration warmup, Duration run)
      throws Exception {
    List<UUID> ids = new ArrayList<>();
    List<List<String>> players = new ArrayList<>();
    for (int t = 0; t < count; t++) {
      UUID tableId = UUID.randomUUID();
      tables.open(
          tableId,
          "bench-" + count + "-" + t,
          CONFIG,
          TableOptions.DEFAULTS
              .withHandPause(Duration.ZERO)
              .withActionTimeout(Duration.ofMinutes(10)));
      List<String> seated = new ArrayList<>();
      for (int s = 0; s < 3; s++) {
        UUID player = UUID.randomUUID();
        wallet.grant(player, 10_000_000L);
        seated.add(player.toString());
      }
      ids.add(tableId);
      players.add(seated);
    }
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + run.toNanos();
    LongAdder hands = new LongAdder();
    LongAdder actions = new LongAdder();
    LongAdder rejected = new LongAdder();
    List<long[]> handTimes = new ArrayList<>();
    List<long[]> actTimes = new ArrayList<>();
    List<long[]> viewTimes = new ArrayList<>();
    List<Future<?>> bots = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < count; t++) {
        Bots b = new Bots(tables, ids.get(t), players.get(t), new Random(t));
        handTimes.add(b.handNanos);
        actTimes.add(b.actNanos);
        viewTimes.add(b.viewNanos);
        bots.add(
            pool.submit(
                () -> {
                  b.play(measureFrom, end, hands, actions, rejected);
                  return null;
                }));
      }
      for (Future<?> f : bots) {
        f.get();
      }
    }
    for (int t = 0; t < count; t++) {
      for (int s = 0; s < 3; s++) {
        tables.leave(ids.get(t), players.get(t).get(s), ids.get(t) + "-leave-" + s, s);
      }
      TableStatus closed = tables.close(ids.get(t));
      if (closed.escrowBalance() != 0) {
        throw new IllegalStateException("table " + ids.get(t) + " closed with chips in escrow");
      }
    }
    double seconds = run.toNanos() / 1e9;
    long[] handSorted = merge(handTimes);
    long[] actSorted = merge(actTimes);
    return new Phase(
        count,
        hands.sum() / seconds,
        actions.sum() / seconds,
        percentile(handSorted, 0.50),
        percentile(handSorted, 0.99),
        percentile(actSorted, 0.50),
        percentile(actSorted, 0.99),
        percentile(merge(viewTimes), 0.50),
        rejected.sum());
  }

  private static long[] merge(List<long[]> parts) {
    return parts.stream()
        .flatMapToLong(a -> Arrays.stream(a).filter(v -> v > 0))
        .sorted()
        .toArray();
  }

  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  /** Three bots at one table, playing in turn through the facade. */
  static final class Bots {
    private final PokerTableClient tables;
    private final UUID tableId;
    private final List<String> players;
    private final Random random;
    final long[] handNanos = new long[20_000];
    final long[] actNanos = new long[200_000];
    final long[] viewNanos = new long[200_000];
    private int viewsTimed;
    private int handsTimed;
    private int actsTimed;
    private int requests;

    Bots(PokerTableClient tables, UUID tableId, List<String> players, Random random) {
      this.tables = tables;
      this.tableId = tableId;
      this.players = players;
      this.random = random;
    }

    void play(long measureFrom, long end, LongAdder hands, LongAdder actions, LongAdder rejected) {
      for (int s = 0; s < 3; s++) {
        tables.sit(tableId, players.get(s), id(), s, 200 + random.nextInt(801));
      }
      long handStarted = System.nanoTime();
      while (System.nanoTime() < end) {
        long asked = System.nanoTime();
        TableView v = tables.view(tableId, null);
        if (asked >= measureFrom && viewsTimed < viewNanos.length) {
          viewNanos[viewsTimed++] = System.nanoTime() - asked;
        }
        if (v.hand() == null) {
          rebuy(v);
          continue;
        }
        int seat = v.hand().toAct();
        if (seat < 0) {
          continue;
        }
        long hand = v.hand().number();
        String player = v.seats().get(seat).playerId();
        long streetBet =
            v.hand().players().stream()
                .filter(p -> p.seat() == seat)
                .findFirst()
                .orElseThrow()
                .streetBet();
        boolean canCheck = streetBet == v.hand().currentBet();
        Action action = choose(canCheck, v.hand().currentBet());
        long sent = System.nanoTime();
        TableAck ack;
        try {
          ack = tables.act(tableId, player, id(), seat, action);
        } catch (CroupierException e) {
          if (e.code() == ErrorCode.NOT_YOUR_TURN) {
            continue;
          }
          rejected.increment();
          sent = System.nanoTime();
          ack =
              tables.act(
                  tableId, player, id(), seat, canCheck ? new Action.Check() : new Action.Call());
        }
        long now = System.nanoTime();
        boolean measured = sent >= measureFrom && now < end;
        if (measured) {
          actions.increment();
          if (actsTimed < actNanos.length) {
            actNanos[actsTimed++] = now - sent;
          }
        }
        if (ack.handNumber() != hand || !ack.handRunning()) {
          if (measured) {
            hands.increment();
            if (handStarted >= measureFrom && handsTimed < handNanos.length) {
              handNanos[handsTimed++] = now - handStarted;
            }
          }
          handStarted = now;
        }
      }
    }

    private Action choose(boolean canCheck, long currentBet) {
      int r = random.nextInt(100);
      if (canCheck) {
        if (r < 15) {
          return currentBet == 0
              ? new Action.Bet(10 + 10L * random.nextInt(5))
              : new Action.Raise(currentBet * 2);
        }
        if (r < 18) {
          return new Action.AllIn();
        }
        return new Action.Check();
      }
      if (r < 25) {
        return new Action.Fold();
      }
      if (r < 33) {
        return new Action.Raise(currentBet * 2 + random.nextInt(3) * 10L);
      }
      if (r < 37) {
        return new Action.AllIn();
      }
      return new Action.Call();
    }

    /** Busted bots leave and buy in again; others sitting out sit back in. */
    private void rebuy(TableView v) {
      for (TableView.SeatView s : v.seats()) {
        String player = players.get(s.index());
        if (s.status() == SeatStatus.SITTING_OUT && s.stack() == 0) {
          tables.leave(tableId, player, id(), s.index());
          tables.sit(tableId, player, id(), s.index(), 200 + random.nextInt(801));
        } else if (s.status() == SeatStatus.SITTING_OUT) {
          tables.sitIn(tableId, player, id(), s.index());
        } else if (s.status() == SeatStatus.EMPTY) {
          tables.sit(tableId, player, id(), s.index(), 200 + random.nextInt(801));
        }
      }
    }

    private String id() {
      return tableId + "-r" + (++requests);
    }
  }
}
