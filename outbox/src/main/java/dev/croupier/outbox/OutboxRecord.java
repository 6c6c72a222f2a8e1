package dev.croupier.outbox;

import java.util.Map;
import java.util.Objects;

/**
 * One outbox row as the relay publishes it.
 *
 * @param id the row's id in its outbox, ascending in commit order; what {@link OutboxStore#delete}
 *     takes
 * @param topic the Kafka topic
 * @param key the record key: everything with one key goes to one partition, in outbox order
 * @param value the record value, or null for a tombstone (a compacted topic forgets the key)
 * @param headers record headers, for example the event's type and sequence number
 */
public record OutboxRecord(
    long id, String topic, String key, byte[] value, Map<String, String> headers) {
  public OutboxRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }
}
