package dev.croupier.gateway.realtime;

import dev.croupier.gateway.ws.TableProperties;
import dev.croupier.gateway.ws.TableWatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@code table.events} from its end on every gateway node (no consumer group: each node needs
 * every table's records) and tells {@link TableWatch} which tables changed; the records themselves
 * are not forwarded, since players get their views from the table workflow. A poll's records for
 * one table make one refresh.
 */
@Component
class KafkaTableEvents implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(KafkaTableEvents.class);
  private static final Duration DISCOVERY = Duration.ofSeconds(10);

  private final RealtimeProperties realtime;
  private final TableProperties tables;
  private final TableWatch watch;
  private volatile @Nullable KafkaConsumer<String, String> consumer;
  private volatile @Nullable Thread loop;
  private volatile boolean running;

  KafkaTableEvents(RealtimeProperties realtime, TableProperties tables, TableWatch watch) {
    this.realtime = realtime;
    this.tables = tables;
    this.watch = watch;
  }

  private void run(KafkaConsumer<String, String> c) {
    Set<TopicPartition> assigned = new HashSet<>();
    long nextDiscovery = 0;
    try {
      while (running) {
        if (System.nanoTime() >= nextDiscovery) {
          discover(c, assigned);
          nextDiscovery = System.nanoTime() + DISCOVERY.toNanos();
        }
        if (assigned.isEmpty()) {
          LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
          continue;
        }
        Set<UUID> changed = new LinkedHashSet<>();
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
          try {
            if (r.key() != null) {
              changed.add(UUID.fromString(r.key()));
            }
          } catch (IllegalArgumentException e) {
            log.debug("a table event keyed {} is not a table's", r.key());
          }
        }
        changed.forEach(watch::changed);
      }
    } catch (WakeupException e) {
      log.debug("table events consumer woken up to stop");
    } catch (RuntimeException e) {
      log.error("table events consumer stopped", e);
    } finally {
      c.close(Duration.ofSeconds(2));
    }
  }

  private void discover(KafkaConsumer<String, String> c, Set<TopicPartition> assigned) {
    Map<String, List<PartitionInfo>> existing;
    try {
      existing = c.listTopics(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.debug("no topic metadata yet: {}", e.toString());
      return;
    }
    List<TopicPartition> fresh = new ArrayList<>();
    for (PartitionInfo p : existing.getOrDefault(tables.eventsTopic(), List.of())) {
      TopicPartition tp = new TopicPartition(p.topic(), p.partition());
      if (!assigned.contains(tp)) {
        fresh.add(tp);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    assigned.addAll(fresh);
    c.assign(assigned);
    // From the end: a late joiner gets its first view from table.watch, not from old events.
    c.seekToEnd(fresh);
    for (TopicPartition tp : fresh) {
      c.position(tp);
    }
    log.info("table events: reading {} from the end", fresh);
  }

  @Override
  public void start() {
    Properties p = new Properties();
    p.put("bootstrap.servers", realtime.bootstrapServers());
    p.put("client.id", "gateway-table-events-" + UUID.randomUUID());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
    consumer = c;
    running = true;
    loop = Thread.ofPlatform().name("gateway-table-events").daemon().start(() -> run(c));
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, String> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = loop;
    if (t != null) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    consumer = null;
    loop = null;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
