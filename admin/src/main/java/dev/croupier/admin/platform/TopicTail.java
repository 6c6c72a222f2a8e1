package dev.croupier.admin.platform;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiConsumer;
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
 * One topic read on a thread of its own, every partition assigned, without a consumer group: how
 * admin follows a platform topic for what it shows (the live ledger, compliance alerts). Where to
 * start is the caller's ({@code startAt}); each record goes to {@code handler} on the reader's
 * thread. A topic not there yet is asked for again every 2 s; a failure (the broker, or the handler
 * throwing, such as a database that does not answer) starts the reading over from {@code startAt}
 * after 2 s, so a record the handler failed on is read again.
 */
public final class TopicTail {
  private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration PAUSE = Duration.ofSeconds(2);

  private final String name;
  private final String bootstrapServers;
  private final String topic;
  private final BiConsumer<KafkaConsumer<String, byte[]>, List<TopicPartition>> startAt;
  private final Consumer<ConsumerRecord<String, byte[]>> handler;
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  /**
   * @param name the thread's name and the client id's prefix, for example {@code live-ledger}
   * @param startAt seeks the assigned partitions to where reading starts
   */
  public TopicTail(
      String name,
      String bootstrapServers,
      String topic,
      BiConsumer<KafkaConsumer<String, byte[]>, List<TopicPartition>> startAt,
      Consumer<ConsumerRecord<String, byte[]>> handler) {
    this.name = name;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.startAt = startAt;
    this.handler = handler;
  }

  /** Starts the reader thread, once. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = Thread.ofPlatform().name(name).daemon().start(this::run);
  }

  /** Stops reading and waits up to 5 s for the thread to end. */
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

  public boolean isRunning() {
    return running;
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
        startAt.accept(c, partitions);
        while (running) {
          for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
            handler.accept(r);
          }
        }
      } catch (WakeupException e) {
        // stop() ends the loop.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (running) {
          log.warn("{}: reading {} failed, starting over: {}", name, topic, e.toString());
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

  private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
    try {
      List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
      return infos == null
          ? List.of()
          : infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private KafkaConsumer<String, byte[]> newConsumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "admin-" + name + "-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }
}
