package dev.croupier.realtime.leaderboard;

import dev.croupier.realtime.internal.KafkaClients;
import dev.croupier.realtime.leaderboard.LeaderboardRepository.Key;
import dev.croupier.realtime.leaderboard.Scoring.Counted;
import dev.croupier.wallet.api.WalletEntryEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts {@code wallet.entries} into the leaderboard scores. The workers share the topic's
 * partitions through a consumer group, but the offsets live in PostgreSQL: each polled batch is one
 * database transaction that records the counted entry IDs, changes the scores of the entries not
 * counted before, and moves the offsets. A restart resumes after the last committed batch; an entry
 * delivered twice (the wallet's relay is at least once, or a rebalance replays a batch) is counted
 * once, by its entry ID.
 */
public final class LeaderboardIngest implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderboardIngest.class);

  /** Where to read and as which group. */
  public record Settings(String bootstrapServers, String topic, String groupId) {}

  private final Settings settings;
  private final DSLContext dsl;
  private final LeaderboardRepository repository = new LeaderboardRepository();
  private final String clientId = "workers-leaderboards-" + UUID.randomUUID();
  private final AtomicLong counted = new AtomicLong();
  private final MeterRegistry meters;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile boolean running;
  private volatile Thread thread;

  public LeaderboardIngest(Settings settings, DSLContext dsl) {
    this(settings, dsl, new CompositeMeterRegistry());
  }

  /** The same, with its consumer's Kafka meters (lag among them) in {@code meters}. */
  public LeaderboardIngest(Settings settings, DSLContext dsl, MeterRegistry meters) {
    this.settings = settings;
    this.dsl = dsl;
    this.meters = meters;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().name("workers-leaderboards").daemon().start(this::run);
  }

  /** Entries this instance counted (not counting duplicates) since it started. */
  public long counted() {
    return counted.get();
  }

  private void run() {
    while (running) {
      KafkaConsumer<String, byte[]> c =
          KafkaClients.entryConsumer(settings.bootstrapServers(), clientId, settings.groupId());
      consumer = c;
      KafkaClientMetrics metrics = new KafkaClientMetrics(c);
      metrics.bindTo(meters);
      try {
        c.subscribe(List.of(settings.topic()), new SeekToStored(c));
        while (running) {
          ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
          if (!records.isEmpty()) {
            apply(records);
          }
        }
      } catch (WakeupException e) {
        break;
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        // The batch rolled back: a new consumer starts again from the stored offsets.
        log.warn("leaderboard batch failed, resuming from the stored offsets: {}", e.toString());
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      } finally {
        metrics.close();
        c.close(Duration.ofSeconds(2));
        consumer = null;
      }
    }
  }

  /**
   * One database transaction per polled batch: the entries counted for the first time change the
   * boards and the hourly revenue; the offsets move with them.
   */
  private void apply(ConsumerRecords<String, byte[]> records) {
    Map<Integer, Long> next = new HashMap<>();
    Map<Long, WalletEntryEvent> relevant = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      next.merge(r.partition(), r.offset() + 1, Math::max);
      WalletEntryEvent e;
      try {
        e = WalletEntryEvent.decode(r.value());
      } catch (IllegalArgumentException ex) {
        log.warn(
            "skipping an undecodable record at {}-{}@{}", r.topic(), r.partition(), r.offset());
        continue;
      }
      if (Scoring.of(e).isPresent() || Revenue.of(e).isPresent()) {
        relevant.putIfAbsent(e.entryId(), e);
      }
    }
    int fresh =
        dsl.transactionResult(
            c -> {
              int n = 0;
              if (!relevant.isEmpty()) {
                Set<Long> firstTime = repository.markCounted(c.dsl(), relevant.keySet());
                List<WalletEntryEvent> toApply = new ArrayList<>();
                for (Long id : firstTime) {
                  toApply.add(relevant.get(id));
                }
                repository.apply(
                    c.dsl(),
                    scores(toApply.stream().flatMap(x -> Scoring.of(x).stream()).toList()));
                repository.addRevenue(c.dsl(), Revenue.sum(toApply));
                n = toApply.size();
              }
              repository.saveOffsets(c.dsl(), settings.topic(), next);
              return n;
            });
    counted.addAndGet(fresh);
  }

  /** Per score row: the sum of the stakes, or the largest win, of this batch. */
  private static Map<Key, Long> scores(Collection<Counted> counted) {
    Map<Key, Long> out = new HashMap<>();
    for (Counted x : counted) {
      for (Period p : Period.values()) {
        Key k = new Key(x.board(), p, p.start(x.event().createdAt()), x.currency(), x.userId());
        out.merge(k, x.value(), x.board() == Board.TOTAL_WAGERED ? Long::sum : Math::max);
      }
    }
    return out;
  }

  /** On assignment, positions each partition at its offset stored in PostgreSQL. */
  private final class SeekToStored implements ConsumerRebalanceListener {
    private final KafkaConsumer<String, byte[]> c;

    SeekToStored(KafkaConsumer<String, byte[]> c) {
      this.c = c;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Map<Integer, Long> stored =
          dsl.transactionResult(x -> repository.offsets(x.dsl(), settings.topic()));
      List<TopicPartition> fromStart = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        Long offset = stored.get(tp.partition());
        if (offset == null) {
          fromStart.add(tp);
        } else {
          c.seek(tp, offset);
        }
      }
      if (!fromStart.isEmpty()) {
        // An empty list would mean every assigned partition.
        c.seekToBeginning(fromStart);
      }
      log.info("leaderboards read {} from the stored offsets {}", partitions, stored);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Nothing to commit: the offsets were stored with each batch.
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
  }
}
