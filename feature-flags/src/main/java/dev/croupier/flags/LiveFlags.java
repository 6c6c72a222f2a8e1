package dev.croupier.flags;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feature flags of one node. At start it reads the compacted topic {@code admin.flags}
 * from the beginning (so it learns the latest value of every flag), then follows it: a change made
 * in admin reaches the node within one poll, well under two seconds. Until a flag's first record is
 * read, the node's configured default stands.
 *
 * <p>It consumes without a consumer group (every node reads every record) and commits nothing: the
 * topic is small and compacted, so reading it again at every start is cheap. {@link #caughtUp()}
 * tells readiness whether the node has read everything that was on the topic when it started. A
 * record that is not a flag is skipped and counted, never fatal.
 */
public final class LiveFlags implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveFlags.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /**
   * Where to read, and what holds before a flag's first record.
   *
   * @param bootstrapServers the Kafka cluster
   * @param topic normally {@code admin.flags}
   * @param defaults each known flag's value until the topic says otherwise
   * @param clientId names this node in the broker's logs
   */
  public record Settings(
      String bootstrapServers, String topic, Map<String, Boolean> defaults, String clientId) {
    public Settings {
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(clientId, "clientId");
      defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
    }
  }

  private final Settings settings;
  private final Map<String, FlagState> flags = new ConcurrentHashMap<>();
  private final List<Consumer<FlagState>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong applied = new AtomicLong();
  private volatile boolean caughtUp;
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  public LiveFlags(Settings settings) {
    this.settings = settings;
  }

  /** Starts following the topic on a thread of its own. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().name("live-flags").daemon().start(this::run);
  }

  /** Whether {@code key} is on: its latest record, or its default; an unknown flag is off. */
  public boolean isOn(String key) {
    FlagState state = flags.get(key);
    if (state != null) {
      return state.enabled();
    }
    return settings.defaults().getOrDefault(key, false);
  }

  /** Every flag read from the topic so far, by key. */
  public Map<String, FlagState> read() {
    return Map.copyOf(flags);
  }

  /** Called with each change, on the reader's thread: keep it short. */
  public void onChange(Consumer<FlagState> listener) {
    listeners.add(listener);
  }

  /** Whether everything on the topic when this node started has been read. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** Records skipped because they were not flags. */
  public long malformed() {
    return malformed.get();
  }

  /** Changes applied (records newer than what the node had). */
  public long applied() {
    return applied.get();
  }

  private void run() {
    Duration backoff = Duration.ofSeconds(1);
    while (running) {
      try (KafkaConsumer<String, byte[]> c = newConsumer()) {
        consumer = c;
        List<TopicPartition> partitions = partitions(c);
        // No broker, or no topic yet: wait, longer each time (to 30 s), on the same consumer.
        while (running && partitions.isEmpty()) {
          sleep(backoff);
          backoff =
              backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                  ? MAX_BACKOFF
                  : backoff.multipliedBy(2);
          partitions = partitions(c);
        }
        if (!running) {
          return;
        }
        backoff = Duration.ofSeconds(1);
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        while (running) {
          for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
            apply(r);
          }
          if (!caughtUp) {
            List<TopicPartition> read = partitions;
            if (read.stream().allMatch(p -> c.position(p) >= end.get(p))) {
              caughtUp = true;
              log.info("feature flags read: {}", flags.keySet());
            }
          }
        }
      } catch (WakeupException e) {
        // close() ends the loop.
      } catch (RuntimeException e) {
        if (running) {
          log.warn(
              "feature flags: reading {} failed, starting over: {}",
              settings.topic(),
              e.toString());
          sleep(backoff);
        }
      } finally {
        consumer = null;
      }
    }
  }

  private void apply(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      return;
    }
    FlagState state;
    try {
      state = FlagState.fromJson(new String(r.value(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      malformed.incrementAndGet();
      log.warn(
          "feature flags: skipped a record that is not a flag at {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
      return;
    }
    FlagState before = flags.get(state.key());
    if (before != null && before.version() >= state.version()) {
      return;
    }
    flags.put(state.key(), state);
    applied.incrementAndGet();
    if (before == null || before.enabled() != state.enabled()) {
      log.info(
          "feature flag {} is {} (version {})",
          state.key(),
          state.enabled() ? "on" : "off",
          state.version());
    }
    for (Consumer<FlagState> listener : listeners) {
      try {
        listener.accept(state);
      } catch (RuntimeException e) {
        log.warn("feature flags: a listener failed on {}: {}", state.key(), e.toString());
      }
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
    List<PartitionInfo> infos;
    try {
      infos = c.partitionsFor(settings.topic(), Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      return List.of();
    }
    return infos == null
        ? List.of()
        : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
  }

  private KafkaConsumer<String, byte[]> newConsumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
    }
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
