package dev.croupier.wallet;

import dev.croupier.devstack.Topics;
import dev.croupier.wallet.api.WalletEntryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads wallet.entries from the beginning of every partition, in partition order. */
final class EntryTopic implements AutoCloseable {
  /** A record as read: its key, partition and decoded event. */
  record Read(
      String key, int partition, WalletEntryEvent event, String schemaHeader, String traceParent) {}

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<Read> read = new ArrayList<>();

  EntryTopic(String bootstrapServers) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"));
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p = 0; p < Topics.WALLET_ENTRIES.partitions(); p++) {
      partitions.add(new TopicPartition(Topics.WALLET_ENTRIES.name(), p));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls once more and returns everything read so far. */
  List<Read> poll() {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
      var header = r.headers().lastHeader(WalletEntryEvent.SCHEMA_VERSION_HEADER);
      var trace = r.headers().lastHeader("traceparent");
      read.add(
          new Read(
              r.key(),
              r.partition(),
              WalletEntryEvent.decode(r.value()),
              header == null ? null : new String(header.value()),
              trace == null ? null : new String(trace.value())));
    }
    return List.copyOf(read);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
