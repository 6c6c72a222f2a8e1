package dev.croupier.workflows.table;

import io.temporal.activity.ActivityInterface;

/** Writes table events to the outbox that the workers' relay publishes to Kafka. */
@ActivityInterface(namePrefix = "TableEvents.")
public interface TableEventActivities {

  /**
   * Writes the batch to the outbox in one transaction. Idempotent by {@code (tableId, seq)}: a
   * retry (after a timeout, a crash or a replayed workflow task) writes nothing new, so each event
   * is in the outbox once. Hole cards are sealed for compliance before they are written.
   */
  void append(TableEventBatch batch);
}
