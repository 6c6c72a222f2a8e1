package dev.croupier.admin.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
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
import org.springframework.context.SmartLifecycle;

/**
 * Follows {@code compliance.alerts} into {@code admin.compliance_alerts}. It reads every partition
 * from the beginning at each start, without a consumer group: keeping an alert is idempotent by its
 * id, the topic is small, and an alert the table has is never lost to a committed offset. A record
 * that is not an alert is skipped and counted; a database that does not answer stops the reading
 * until it does (the record is read again).
 */
public final class AlertFeed implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration PAUSE = Duration.ofSeconds(2);

  /** Where to read and whether to start with the context. */
  public record Settings(String bootstrapServers, String topic, boolean autoStartup) {}

  private final Settings settings;
  private final ComplianceAlerts alerts;
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  public AlertFeed(Settings settings, ComplianceAlerts alerts) {
    this.settings = settings;
    this.alerts = alerts;
  }

  /** Alert records read since start (each again after a restart). */
  public long read() {
    return read.get();
  }

  /** Records skipped as not being alerts. */
  public long skipped() {
    return skipped.get();
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<String, byte[]> c = newConsumer()) {
        consumer = c;
        List<TopicPartition> partitions = partitions(c);
        if (partitions.isEmpty()) {
          Thread.sleep(PAUSE);
          continue;
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        while (running) {
          for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
            accept(r);
          }
        }
      } catch (WakeupException e) {
        // stop() ends the loop.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (running) {
          log.warn("alerts: reading {} failed, starting over: {}", settings.topic(), e.toString());
          try {
            Thread.sleep(PAUSE);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      } finally {
        consumer = null;
      }
    }
  }

  private void accept(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      skipped.incrementAndGet();
      return;
    }
    try {
      alerts.keep(new String(r.value(), StandardCharsets.UTF_8));
      read.incrementAndGet();
    } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
      skipped.incrementAndGet();
      log.warn(
          "alerts: skipped a record at {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
    }
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
    try {
      List<PartitionInfo> infos = c.partitionsFor(settings.topic(), Duration.ofSeconds(5));
      return infos == null
          ? List.of()
          : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private KafkaConsumer<String, byte[]> newConsumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "admin-alerts-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }

  @Override
  public boolean isAutoStartup() {
    return settings.autoStartup();
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().name("compliance-alerts").daemon().start(this::run);
  }

  @Override
  public void stop() {
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

  @Override
  public boolean isRunning() {
    return running;
  }
}
