package dev.croupier.wallet.outbox;

import java.time.Duration;

/**
 * The relay's settings.
 *
 * @param bootstrapServers Kafka brokers
 * @param topic normally {@code wallet.entries}
 * @param batchSize outbox rows read and published per round
 * @param pollInterval how long the relay waits when the outbox is empty (a commit wakes it early)
 * @param deliveryTimeout how long the producer keeps retrying a record while Kafka is down
 */
public record OutboxSettings(
    String bootstrapServers,
    String topic,
    int batchSize,
    Duration pollInterval,
    Duration deliveryTimeout) {}
