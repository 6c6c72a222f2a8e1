package dev.croupier.workflows.table;

import java.util.List;
import java.util.UUID;

/**
 * The events of one workflow step, in order, for one outbox transaction.
 *
 * @param tableId the table
 * @param events numbered events, ascending {@code seq}, no gaps
 */
public record TableEventBatch(UUID tableId, List<TableEvent> events) {
  public TableEventBatch {
    events = List.copyOf(events);
  }
}
