package dev.croupier.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Topics of one test, with unique names: the shared broker keeps the records of every test class,
 * and each class has its own database, so entry and account IDs would collide on shared topics.
 */
public final class KafkaTopics {
  private KafkaTopics() {}

  /** Creates a topic named {@code prefix.<random>} and returns its name. */
  public static String create(String bootstrapServers, String prefix, int partitions) {
    return createNamed(
        bootstrapServers, prefix + "." + UUID.randomUUID().toString().substring(0, 8), partitions);
  }

  /** Creates the topic {@code name} and returns it. */
  public static String createNamed(String bootstrapServers, String name, int partitions) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return name;
  }

  /**
   * Every record on {@code topic} now, read from the beginning up to the end offsets it had when
   * the read started, in offset order per partition; keys as strings.
   */
  public static <V> List<ConsumerRecord<String, V>> readAll(
      String bootstrapServers, String topic, Class<? extends Deserializer<V>> values) {
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> c =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, values))) {
      List<TopicPartition> partitions =
          c.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = c.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  /** Reads JSON string records of a topic as they come, from the beginning. */
  public static final class JsonReader implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> read = new ArrayList<>();

    public JsonReader(String bootstrapServers, String topic) {
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                  ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                  ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    /** Polls once more; returns everything read so far. */
    public synchronized List<ConsumerRecord<String, String>> poll() {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
        read.add(r);
      }
      return List.copyOf(read);
    }

    @Override
    public synchronized void close() {
      consumer.close();
    }
  }
}
