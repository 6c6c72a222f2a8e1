package dev.croupier.realtime;

import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.wallet.api.WalletEntryEvent;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Wallet entries as a topic of a test holds them. */
public final class TestTopics {
  private TestTopics() {}

  /** A wallet entry as read, with where it was. */
  public record Entry(int partition, long offset, WalletEntryEvent event) {}

  /** Everything on an entries topic now, read from the beginning. */
  public static List<Entry> readEntries(String bootstrapServers, String topic) {
    return KafkaTopics.readAll(bootstrapServers, topic, ByteArrayDeserializer.class).stream()
        .map(r -> new Entry(r.partition(), r.offset(), WalletEntryEvent.decode(r.value())))
        .toList();
  }
}
