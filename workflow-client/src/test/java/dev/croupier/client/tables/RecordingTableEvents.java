package dev.croupier.client.tables;

import dev.croupier.workflows.table.TableEvent;
import dev.croupier.workflows.table.TableEventActivities;
import dev.croupier.workflows.table.TableEventBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Keeps every table event once by (table, seq), as the outbox does. */
final class RecordingTableEvents implements TableEventActivities {
  final Map<UUID, TreeMap<Long, TableEvent>> byTable = new TreeMap<>();

  @Override
  public synchronized void append(TableEventBatch batch) {
    TreeMap<Long, TableEvent> events =
        byTable.computeIfAbsent(batch.tableId(), t -> new TreeMap<>());
    for (TableEvent e : batch.events()) {
      events.putIfAbsent(e.seq(), e);
    }
  }

  synchronized List<TableEvent> of(UUID tableId) {
    return new ArrayList<>(byTable.getOrDefault(tableId, new TreeMap<>()).values());
  }
}
