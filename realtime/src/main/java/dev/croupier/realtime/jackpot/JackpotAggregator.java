package dev.croupier.realtime.jackpot;

import dev.croupier.outbox.Leadership;
import dev.croupier.realtime.internal.DisplayNames;
import dev.croupier.realtime.internal.KafkaClients;
import dev.croupier.wallet.api.WalletEntryEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Follows the progressive jackpot pools on {@code wallet.entries} and publishes each pool to {@code
 * jackpot.updates} every interval; announces each win there at once.
 *
 * <p>A pool account has one sub-account and one record key (its account ID), so its entries arrive
 * in ledger order on one partition, each carrying the pool's {@code balance_after}. The pool's
 * value as of the consumed offsets is therefore the {@code balance_after} of the latest pool entry
 * read; a redelivered (older) entry is recognised by its smaller entry ID and ignored. Each
 * published value carries the consumed offsets of every partition, the pool entry it comes from,
 * and its partition and offset.
 *
 * <p>State lives in the output topic: at start the aggregator reads the last {@code jackpot.update}
 * records back and resumes {@code wallet.entries} at their offsets, with their pool values. With no
 * such record it reads {@code wallet.entries} from the beginning. Only the leader among the workers
 * (a PostgreSQL advisory lock) consumes and publishes; the others wait.
 *
 * <p>Wins are announced at least once (a restart may repeat the ones after the last update):
 * readers deduplicate by {@code transactionId}.
 */
public final class JackpotAggregator implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JackpotAggregator.class);
  private static final String UPDATE = "jackpot.update";
  private static final String WON = "jackpot.won";
  private static final int RESTORE_WINDOW = 200;
  private static final int ANNOUNCED_MEMORY = 10_000;

  /**
   * @param interval how often every pool is published
   * @param currencies pools published even before their first entry (as 0)
   */
  public record Settings(
      String bootstrapServers,
      String entriesTopic,
      String updatesTopic,
      Duration interval,
      List<String> currencies) {}

  /** A pool as of one of its entries. */
  record Pool(long balance, long entryId, long accountId, int partition, long offset) {}

  private final Settings settings;
  private final Leadership leadership;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();
  private final String clientId = "workers-jackpot-" + UUID.randomUUID();
  private final List<Consumer<WalletEntryEvent>> poolListeners = new CopyOnWriteArrayList<>();
  private final Map<String, Pool> pools = new TreeMap<>();
  private final Map<Long, Boolean> announced =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
          return size() > ANNOUNCED_MEMORY;
        }
      };

  private final MeterRegistry meters;
  private final Map<String, AtomicLong> poolGauges = new ConcurrentHashMap<>();
  private KafkaProducer<String, String> producer;
  private KafkaConsumer<String, byte[]> consumer;
  private KafkaClientMetrics producerMetrics;
  private KafkaClientMetrics consumerMetrics;
  private final AtomicLong recordsRead = new AtomicLong();
  private volatile boolean running;
  private volatile Thread thread;

  /**
   * @param leadership decides which worker aggregates; null when this one always does
   */
  public JackpotAggregator(Settings settings, Leadership leadership, Clock clock) {
    this(settings, leadership, clock, new CompositeMeterRegistry());
  }

  /**
   * The same, reporting {@code croupier.jackpot.pool{currency}} (the pool last published, in minor
   * units, by the leader), {@code croupier.jackpot.wins{currency}} and its Kafka clients' meters to
   * {@code meters}.
   */
  public JackpotAggregator(
      Settings settings, Leadership leadership, Clock clock, MeterRegistry meters) {
    this.settings = settings;
    this.leadership = leadership;
    this.clock = clock;
    this.meters = meters;
  }

  /** Called on the aggregator's thread for every pool entry it reads (for measurements). */
  public void onPoolEntry(Consumer<WalletEntryEvent> listener) {
    poolListeners.add(listener);
  }

  /**
   * Records of wallet.entries read since start: after a restart, only those after the last update.
   */
  public long recordsRead() {
    return recordsRead.get();
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    producer = KafkaClients.producer(settings.bootstrapServers(), clientId);
    producerMetrics = new KafkaClientMetrics(producer);
    producerMetrics.bindTo(meters);
    thread = Thread.ofPlatform().name("workers-jackpot").daemon().start(this::run);
  }

  private void run() {
    long nextTick = System.nanoTime();
    while (running) {
      try {
        if (leadership != null && !leadership.lead()) {
          dropConsumer();
          LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
          continue;
        }
        if (consumer == null) {
          open();
          nextTick = System.nanoTime();
        }
        long wait = Math.max(0, nextTick - System.nanoTime());
        for (ConsumerRecord<String, byte[]> r :
            consumer.poll(Duration.ofNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100))))) {
          try {
            accept(r);
          } catch (RuntimeException ex) {
            log.warn(
                "skipping record {}-{}@{}: {}",
                r.topic(),
                r.partition(),
                r.offset(),
                ex.toString());
          }
        }
        if (System.nanoTime() - nextTick >= 0) {
          publishPools();
          nextTick = System.nanoTime() + settings.interval().toNanos();
        }
      } catch (WakeupException e) {
        break;
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        log.warn("jackpot aggregation round failed, starting over: {}", e.toString());
        dropConsumer();
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      }
    }
    dropConsumer();
  }

  /** Restores the last published state and positions the entry consumer after it. */
  private void open() {
    pools.clear();
    Map<Integer, Long> offsets = restore();
    consumer = KafkaClients.entryConsumer(settings.bootstrapServers(), clientId + "-entries", null);
    consumerMetrics = new KafkaClientMetrics(consumer);
    consumerMetrics.bindTo(meters);
    List<TopicPartition> partitions = new ArrayList<>();
    for (PartitionInfo p :
        consumer.partitionsFor(settings.entriesTopic(), Duration.ofSeconds(10))) {
      partitions.add(new TopicPartition(settings.entriesTopic(), p.partition()));
    }
    consumer.assign(partitions);
    List<TopicPartition> fromStart = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      Long next = offsets.get(tp.partition());
      if (next == null) {
        fromStart.add(tp);
      } else {
        consumer.seek(tp, next);
      }
    }
    if (!fromStart.isEmpty()) {
      // An empty list would mean every assigned partition.
      consumer.seekToBeginning(fromStart);
    }
    log.info(
        "jackpot aggregator leads: pools {}, resuming {} at {}",
        pools,
        settings.entriesTopic(),
        offsets.isEmpty() ? "the beginning" : offsets);
  }

  /** Reads the last jackpot.update records back: the offsets they were taken at and the pools. */
  private Map<Integer, Long> restore() {
    List<JsonNode> updates = new ArrayList<>();
    try (KafkaConsumer<String, String> c =
        KafkaClients.jsonConsumer(settings.bootstrapServers(), clientId + "-restore")) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : c.partitionsFor(settings.updatesTopic(), Duration.ofSeconds(10))) {
        partitions.add(new TopicPartition(settings.updatesTopic(), p.partition()));
      }
      c.assign(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      Map<TopicPartition, Long> begin = c.beginningOffsets(partitions);
      for (TopicPartition tp : partitions) {
        c.seek(tp, Math.max(begin.get(tp), end.get(tp) - RESTORE_WINDOW));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException("cannot read " + settings.updatesTopic() + " back");
        }
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          JsonNode v = parse(r.value());
          if (v != null && UPDATE.equals(v.path("type").asString("")) && v.has("offsets")) {
            updates.add(v);
          }
        }
      }
    }
    if (updates.isEmpty()) {
      return Map.of();
    }
    // The last tick published every pool with the same offsets.
    JsonNode offsets = updates.get(updates.size() - 1).get("offsets");
    for (JsonNode u : updates) {
      if (u.get("offsets").equals(offsets)) {
        JsonNode p = u.get("payload");
        pools.put(
            p.get("currency").asString(),
            new Pool(
                p.get("pool").asLong(),
                u.path("entryId").asLong(0),
                u.path("poolAccountId").asLong(0),
                u.path("entryPartition").asInt(-1),
                u.path("entryOffset").asLong(-1)));
      }
    }
    Map<Integer, Long> out = new TreeMap<>();
    for (var e : offsets.properties()) {
      out.put(Integer.parseInt(e.getKey()), e.getValue().asLong());
    }
    return out;
  }

  private void accept(ConsumerRecord<String, byte[]> r) {
    recordsRead.incrementAndGet();
    WalletEntryEvent e;
    try {
      e = WalletEntryEvent.decode(r.value());
    } catch (IllegalArgumentException ex) {
      log.warn("skipping an undecodable record at {}-{}@{}", r.topic(), r.partition(), r.offset());
      return;
    }
    if ("JACKPOT_POOL".equals(e.accountType())) {
      Pool current = pools.get(e.currency());
      if (current == null || e.entryId() > current.entryId()) {
        pools.put(
            e.currency(),
            new Pool(e.balanceAfter(), e.entryId(), e.accountId(), r.partition(), r.offset()));
      }
      for (Consumer<WalletEntryEvent> l : poolListeners) {
        l.accept(e);
      }
    } else if ("PLAYER".equals(e.accountType())
        && "JACKPOT_WIN".equals(e.kind())
        && e.amount() > 0
        && !e.ownerId().isEmpty()
        && announced.put(e.transactionId(), Boolean.TRUE) == null) {
      publishWin(e);
    }
  }

  private void publishPools() {
    Map<Integer, Long> positions = new TreeMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      positions.put(tp.partition(), consumer.position(tp));
    }
    ObjectNode offsets = json.createObjectNode();
    positions.forEach((p, o) -> offsets.put(Integer.toString(p), o));
    Instant now = clock.instant();
    TreeSet<String> currencies = new TreeSet<>(settings.currencies());
    currencies.addAll(pools.keySet());
    for (String currency : currencies) {
      Pool pool = pools.getOrDefault(currency, new Pool(0, 0, 0, -1, -1));
      ObjectNode record = json.createObjectNode();
      record.put("type", UPDATE);
      ObjectNode payload = record.putObject("payload");
      payload.put("pool", pool.balance());
      payload.put("currency", currency);
      payload.put("asOf", now.toString());
      record.put("poolAccountId", pool.accountId());
      record.put("entryId", pool.entryId());
      record.put("entryPartition", pool.partition());
      record.put("entryOffset", pool.offset());
      record.set("offsets", offsets);
      send("pool/" + currency, record);
      poolGauge(currency).set(pool.balance());
    }
  }

  private AtomicLong poolGauge(String currency) {
    return poolGauges.computeIfAbsent(
        currency,
        c -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder("croupier.jackpot.pool", value, AtomicLong::get)
              .description("The progressive jackpot pool last published, in minor units")
              .tag("currency", c)
              .register(meters);
          return value;
        });
  }

  private void publishWin(WalletEntryEvent e) {
    ObjectNode record = json.createObjectNode();
    record.put("type", WON);
    ObjectNode payload = record.putObject("payload");
    UUID user = UUID.fromString(e.ownerId());
    payload.put("userDisplayName", DisplayNames.standIn(user));
    payload.put("amount", e.amount());
    payload.put("currency", e.currency());
    payload.put("at", e.createdAt().toString());
    record.put("userId", user.toString());
    record.put("transactionId", e.transactionId());
    record.put("sessionId", e.sessionId());
    record.put("round", e.round());
    send("won/" + e.transactionId(), record);
    Counter.builder("croupier.jackpot.wins")
        .description("Jackpot wins announced")
        .tag("currency", e.currency())
        .register(meters)
        .increment();
  }

  private void send(String key, ObjectNode record) {
    producer.send(
        new ProducerRecord<>(settings.updatesTopic(), key, json.writeValueAsString(record)),
        (md, ex) -> {
          if (ex != null) {
            log.warn("publishing {} to {} failed: {}", key, settings.updatesTopic(), ex.toString());
          }
        });
  }

  private JsonNode parse(String value) {
    if (value == null) {
      return null;
    }
    try {
      return json.readTree(value);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void dropConsumer() {
    if (consumerMetrics != null) {
      consumerMetrics.close();
      consumerMetrics = null;
    }
    if (consumer != null) {
      try {
        consumer.close(Duration.ofSeconds(2));
      } catch (RuntimeException e) {
        log.debug("closing the entry consumer: {}", e.toString());
      }
      consumer = null;
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      t = thread;
    }
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (t != null) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close(Duration.ofSeconds(5));
    if (producerMetrics != null) {
      producerMetrics.close();
    }
    if (leadership != null) {
      leadership.release();
    }
  }
}
