package dev.croupier.bench.realtime;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.bench.BenchTls;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.Topics;
import dev.croupier.outbox.OutboxRelay;
import dev.croupier.wallet.accounts.AccountCatalog;
import dev.croupier.wallet.accounts.AccountService;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.wallet.api.TlsCallerInterceptor;
import dev.croupier.wallet.api.WalletEntryEvent;
import dev.croupier.wallet.auth.ServiceMatrix;
import dev.croupier.wallet.grpc.GrpcServer;
import dev.croupier.wallet.grpc.WalletGrpcService;
import dev.croupier.wallet.history.LedgerHistory;
import dev.croupier.wallet.outbox.WalletOutbox;
import dev.croupier.wallet.posting.PostingEngine;
import dev.croupier.wallet.posting.PostingSettings;
import io.grpc.ManagedChannel;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one BET_AND_WIN with a jackpot contribution leg every {@code bench.pace.ms} over gRPC and
 * measures, per post, from its acknowledgement (durable commit) to:
 *
 * <ul>
 *   <li>the aggregator reading the pool's entry: wallet outbox, relay, Kafka, aggregator;
 *   <li>the first {@code jackpot.updates} record that includes it arriving at a reader: the above
 *       plus the wait for the next publication (the interval) and one more Kafka hop.
 * </ul>
 *
 * The gateway's WebSocket push would add one more hop, not measured here. Everything runs in this
 * JVM (one clock), with PostgreSQL and a KRaft broker on the same machine. The aggregator is the
 * realtime app's own class, loaded by name: the build keeps bench from depending on an app, so the
 * script puts the realtime app's classes on the class path.
 */
public final class JackpotLatencyBench {
  private static final Logger log = LoggerFactory.getLogger(JackpotLatencyBench.class);
  private static final String AGGREGATOR = "dev.croupier.realtime.jackpot.JackpotAggregator";
  private static final Pattern ENTRY_ID = Pattern.compile("\"entryId\":(\\d+)");

  private JackpotLatencyBench() {}

  public static void main(String[] args) throws Exception {
    String url = System.getProperty("bench.db.url");
    String user = System.getProperty("bench.db.user", "croupier");
    String password = System.getProperty("bench.db.password", "croupier");
    Duration interval = Duration.ofMillis(Long.getLong("bench.interval.ms", 3000));
    Duration duration = Duration.ofSeconds(Long.getLong("bench.duration.s", 60));
    long paceMs = Long.getLong("bench.pace.ms", 50);
    Path out = Path.of(System.getProperty("bench.out", "bench/results/jackpot-latency.txt"));

    Flyway.configure()
        .dataSource(url, user, password)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    Path kafkaDir = Files.createTempDirectory("croupier-bench-kafka-");
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setUsername(user);
    hc.setPassword(password);
    hc.setMaximumPoolSize(8);
    BenchTls tls = new BenchTls();
    ExecutorService responses = Executors.newFixedThreadPool(2);
    try (KafkaBroker kafka =
            KafkaBroker.start(
                Ports.LOOPBACK, Ports.freePort(), kafkaDir, kafkaDir.resolve("kafka.log"));
        HikariDataSource ds = new HikariDataSource(hc)) {
      String bootstrap = kafka.bootstrapServers();
      DSLContext dsl = DSL.using(ds, SQLDialect.POSTGRES);
      AccountCatalog catalog = new AccountCatalog(dsl, false);
      PostingEngine engine = new PostingEngine(dsl, catalog, new PostingSettings(2, 128, 4096, 32));
      engine.start();
      OutboxRelay relay =
          new OutboxRelay(
              ds,
              new WalletOutbox(Topics.WALLET_ENTRIES.name()),
              new OutboxRelay.Settings(
                  "wallet-outbox", bootstrap, 500, Duration.ofMillis(20), Duration.ofSeconds(30)));
      engine.onCommit(relay::wakeUp);
      relay.start();
      GrpcServer server =
          new GrpcServer(
              Ports.LOOPBACK,
              0,
              tls.tls(ServiceNames.WALLET),
              new WalletGrpcService(
                  engine,
                  new AccountService(dsl, catalog),
                  new LedgerHistory(dsl),
                  responses,
                  new ServiceMatrix(
                      ids -> {
                        Map<Long, dev.croupier.wallet.ledger.AccountType> types =
                            new java.util.HashMap<>();
                        catalog.resolve(dsl, ids).forEach((id, a) -> types.put(id, a.type()));
                        return types;
                      }),
                  WalletGrpcService.WelcomeGrantPolicy.NONE),
              new TlsCallerInterceptor());
      server.start();
      String target = Ports.LOOPBACK + ":" + server.port();
      // Rounds as the workers post them; the grant as staff would, through admin.
      ManagedChannel channel = tls.tls(ServiceNames.WORKERS).walletChannel(target);
      ManagedChannel adminChannel = tls.tls(ServiceNames.ADMIN).walletChannel(target);
      WalletGrpc.WalletBlockingStub wallet = WalletGrpc.newBlockingStub(channel);
      WalletGrpc.WalletBlockingStub admin = WalletGrpc.newBlockingStub(adminChannel);
      long house = open(wallet, "", AccountType.HOUSE);
      long pool = open(wallet, "", AccountType.JACKPOT_POOL);
      long promo = open(admin, "", AccountType.PROMO);
      long player = open(wallet, UUID.randomUUID().toString(), AccountType.PLAYER);
      admin.postTransaction(
          PostTransactionRequest.newBuilder()
              .setIdempotencyKey("bench-grant")
              .setKind(TransactionKind.GRANT)
              .addLegs(leg(promo, -1_000_000_000L))
              .addLegs(leg(player, 1_000_000_000L))
              .build());

      // Transaction ID -> nanoTime of: the acknowledgement, the aggregator's read.
      Map<Long, Long> acked = new ConcurrentHashMap<>();
      Map<Long, Long> aggregated = new ConcurrentHashMap<>();
      // Pool entry ID -> its transaction; jackpot.updates records as (entry ID, arrival).
      Map<Long, Long> entryTx = new ConcurrentHashMap<>();
      List<long[]> updates = new CopyOnWriteArrayList<>();

      Consumer<WalletEntryEvent> onPoolEntry =
          e -> {
            aggregated.putIfAbsent(e.transactionId(), System.nanoTime());
            entryTx.put(e.entryId(), e.transactionId());
          };
      AutoCloseable aggregator =
          startAggregator(
              bootstrap,
              Topics.WALLET_ENTRIES.name(),
              Topics.JACKPOT_UPDATES.name(),
              interval,
              onPoolEntry);

      Thread reader =
          Thread.ofPlatform()
              .daemon()
              .start(() -> read(bootstrap, updates, duration.plusSeconds(30)));

      long end = System.nanoTime() + duration.toNanos();
      long next = System.nanoTime();
      int i = 0;
      while (System.nanoTime() - end < 0) {
        LockSupport.parkNanos(next - System.nanoTime());
        next += TimeUnit.MILLISECONDS.toNanos(paceMs);
        long tx =
            wallet
                .postTransaction(
                    PostTransactionRequest.newBuilder()
                        .setIdempotencyKey("session-bench-round-" + i++)
                        .setKind(TransactionKind.BET_AND_WIN)
                        .addLegs(leg(player, -100))
                        .addLegs(leg(house, 100))
                        .addLegs(leg(house, -1))
                        .addLegs(leg(pool, 1))
                        .build())
                .getTransactionId();
        acked.put(tx, System.nanoTime());
      }
      long settle = System.nanoTime() + interval.multipliedBy(2).plusSeconds(5).toNanos();
      while (System.nanoTime() - settle < 0) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      reader.interrupt();

      // Per post: the aggregator path, and the first update whose entry is at or after its own.
      List<Long> toAggregator = new ArrayList<>();
      List<Long> toUpdate = new ArrayList<>();
      List<long[]> arrivals = new ArrayList<>(updates);
      for (var e : entryTx.entrySet()) {
        Long ack = acked.get(e.getValue());
        if (ack == null) {
          continue;
        }
        toAggregator.add(Math.max(0, aggregated.get(e.getValue()) - ack));
        for (long[] u : arrivals) {
          if (u[0] >= e.getKey()) {
            toUpdate.add(u[1] - ack);
            break;
          }
        }
      }
      aggregator.close();
      channel.shutdownNow();
      server.close();
      relay.close();
      engine.close();
      responses.shutdownNow();

      long[] agg = sorted(toAggregator);
      long[] upd = sorted(toUpdate);
      List<String> lines = new ArrayList<>();
      lines.add(
          "# jackpot latency: 1 BET_AND_WIN with a contribution leg every %d ms for %d s over gRPC"
                  .formatted(paceMs, duration.toSeconds())
              + "; aggregation interval %d ms; %d CPUs; PostgreSQL, KRaft broker, wallet,"
                  .formatted(interval.toMillis(), Runtime.getRuntime().availableProcessors())
              + " relay, aggregator and reader on one machine");
      lines.add(
          "# posts=%d measured_to_aggregator=%d measured_to_update=%d updates_read=%d"
              .formatted(acked.size(), agg.length, upd.length, arrivals.size()));
      lines.add(
          String.format(
              Locale.ROOT,
              "# wallet->outbox->Kafka->aggregator (post acknowledged to pool entry read): p50_ms=%.1f p99_ms=%.1f max_ms=%.1f",
              pct(agg, 0.5),
              pct(agg, 0.99),
              pct(agg, 1.0)));
      lines.add(
          String.format(
              Locale.ROOT,
              "# post acknowledged to the jackpot.updates record including it at a reader: p50_ms=%.1f p99_ms=%.1f max_ms=%.1f",
              pct(upd, 0.5),
              pct(upd, 0.99),
              pct(upd, 1.0)));
      lines.add(
          "# the second figure is dominated by the interval (a post waits for the next tick: about"
              + " interval/2 on average, up to the interval); the gateway's WebSocket push is not"
              + " included");
      lines.add(
          String.format(
              Locale.ROOT,
              "RESULT jackpot_latency_p50_ms=%.1f jackpot_latency_p99_ms=%.1f",
              pct(upd, 0.5),
              pct(upd, 0.99)));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.write(out, lines);
      PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
      lines.forEach(stdout::println);
    }
  }

  /** The realtime app's JackpotAggregator, constructed and started by reflection; no leadership. */
  private static AutoCloseable startAggregator(
      String bootstrap,
      String entries,
      String updates,
      Duration interval,
      Consumer<WalletEntryEvent> onPoolEntry)
      throws ReflectiveOperationException {
    Class<?> type = Class.forName(AGGREGATOR);
    Class<?> settingsType = Class.forName(AGGREGATOR + "$Settings");
    Class<?> leadershipType = Class.forName("dev.croupier.outbox.Leadership");
    Object settings =
        settingsType
            .getConstructor(String.class, String.class, String.class, Duration.class, List.class)
            .newInstance(bootstrap, entries, updates, interval, List.of("COIN"));
    Object aggregator =
        type.getConstructor(settingsType, leadershipType, Clock.class)
            .newInstance(settings, null, Clock.systemUTC());
    type.getMethod("onPoolEntry", Consumer.class).invoke(aggregator, onPoolEntry);
    type.getMethod("start").invoke(aggregator);
    return (AutoCloseable) aggregator;
  }

  private static void read(String bootstrap, List<long[]> updates, Duration max) {
    try (KafkaConsumer<String, String> c =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
      TopicPartition tp = new TopicPartition(Topics.JACKPOT_UPDATES.name(), 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = System.nanoTime() + max.toNanos();
      while (!Thread.currentThread().isInterrupted() && System.nanoTime() - end < 0) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(50))) {
          long at = System.nanoTime();
          Matcher m = ENTRY_ID.matcher(r.value());
          if (r.value().contains("\"type\":\"jackpot.update\"") && m.find()) {
            updates.add(new long[] {Long.parseLong(m.group(1)), at});
          }
        }
      }
    } catch (org.apache.kafka.common.errors.InterruptException e) {
      log.debug("reader stopped");
    }
  }

  private static long[] sorted(List<Long> values) {
    long[] a = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(a);
    return a;
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.floor(sorted.length * p));
    return sorted[i] / 1e6;
  }

  private static long open(WalletGrpc.WalletBlockingStub wallet, String owner, AccountType type) {
    return wallet
        .openAccount(
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
}
