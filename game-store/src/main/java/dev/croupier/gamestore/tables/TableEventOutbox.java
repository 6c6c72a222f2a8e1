package dev.croupier.gamestore.tables;

import static dev.croupier.db.jooq.game.Tables.TABLE_EVENT_OUTBOX;

import dev.croupier.db.jooq.game.tables.records.TableEventOutboxRecord;
import dev.croupier.outbox.Backlog;
import dev.croupier.outbox.OutboxRecord;
import dev.croupier.outbox.OutboxStore;
import dev.croupier.outbox.OutboxTracing;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code game.table_event_outbox}: the events of each table step, written in one transaction once
 * per {@code (table_id, seq)}, and read by the shared relay, which publishes each row to its topic
 * keyed by table id (so a table's records stay in {@code seq} order on one partition) with headers
 * {@code type} and {@code seq} (and {@code traceparent}, the step's trace, when it was traced), and
 * marks it published once acknowledged. Published rows stay: they are the table's event log, which
 * {@link TableEventLog} reads for hand recall.
 */
public final class TableEventOutbox implements OutboxStore {
  /** Arbitrary, fixed: identifies the table relay's leadership lock ("table"). */
  private static final long RELAY_LOCK = 0x7461626c65L;

  /** The backlog is counted up to this many rows, so a long Kafka outage costs a bounded query. */
  static final int BACKLOG_CAP = 1_000_000;

  /**
   * One row to write.
   *
   * @param seq the table event's sequence number, from 1 over the table's life
   * @param topic {@code table.events} or {@code lobby.tables}
   * @param type the record type, for the header
   * @param handNumber the round the event belongs to
   * @param payload the record value as JSON, or null for a tombstone (a closed table in the lobby)
   */
  public record Row(long seq, String topic, String type, long handNumber, String payload) {
    public Row {
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(type, "type");
    }
  }

  private final DSLContext dsl;

  public TableEventOutbox(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Writes one step's rows in one transaction, with the current trace context. Idempotent by {@code
   * (tableId, seq)} while the rows wait in the outbox: a repeat (a retried activity, a replayed
   * workflow task) writes nothing new. The game context's other keyed events use it the same way: a
   * session's compliance alerts go under the session id, with the round as {@code seq}.
   *
   * @return the rows written (0 for a repeat)
   */
  public int append(UUID tableId, List<Row> rows) {
    String traceParent = OutboxTracing.current();
    return dsl.transactionResult(
        c -> {
          int written = 0;
          for (Row row : rows) {
            written +=
                c.dsl()
                    .insertInto(TABLE_EVENT_OUTBOX)
                    .set(TABLE_EVENT_OUTBOX.TABLE_ID, tableId)
                    .set(TABLE_EVENT_OUTBOX.SEQ, row.seq())
                    .set(TABLE_EVENT_OUTBOX.TOPIC, row.topic())
                    .set(TABLE_EVENT_OUTBOX.TYPE, row.type())
                    .set(TABLE_EVENT_OUTBOX.HAND_NUMBER, row.handNumber())
                    .set(TABLE_EVENT_OUTBOX.PAYLOAD, row.payload())
                    .set(TABLE_EVENT_OUTBOX.TRACE_PARENT, traceParent)
                    .onConflictDoNothing()
                    .execute();
          }
          return written;
        });
  }

  @Override
  public long leadershipLock() {
    return RELAY_LOCK;
  }

  @Override
  public List<OutboxRecord> next(Connection connection, int limit) {
    List<OutboxRecord> records = new ArrayList<>();
    for (TableEventOutboxRecord r :
        DSL.using(connection, SQLDialect.POSTGRES)
            .selectFrom(TABLE_EVENT_OUTBOX)
            .where(TABLE_EVENT_OUTBOX.PUBLISHED_AT.isNull())
            .orderBy(TABLE_EVENT_OUTBOX.ID)
            .limit(limit)
            .fetch()) {
      Map<String, String> headers = new HashMap<>(4);
      headers.put("type", r.getType());
      headers.put("seq", String.valueOf(r.getSeq()));
      if (r.getTraceParent() != null) {
        headers.put(OutboxTracing.HEADER, r.getTraceParent());
      }
      records.add(
          new OutboxRecord(
              r.getId(),
              r.getTopic(),
              r.getTableId().toString(),
              r.getPayload() == null ? null : r.getPayload().getBytes(StandardCharsets.UTF_8),
              headers));
    }
    return records;
  }

  @Override
  public Backlog backlog(Connection connection) {
    DSLContext d = DSL.using(connection, SQLDialect.POSTGRES);
    int rows =
        d.fetchCount(
            d.select(TABLE_EVENT_OUTBOX.ID)
                .from(TABLE_EVENT_OUTBOX)
                .where(TABLE_EVENT_OUTBOX.PUBLISHED_AT.isNull())
                .limit(BACKLOG_CAP));
    if (rows == 0) {
      return Backlog.EMPTY;
    }
    OffsetDateTime oldest =
        d.select(TABLE_EVENT_OUTBOX.CREATED_AT)
            .from(TABLE_EVENT_OUTBOX)
            .where(TABLE_EVENT_OUTBOX.PUBLISHED_AT.isNull())
            .orderBy(TABLE_EVENT_OUTBOX.ID)
            .limit(1)
            .fetchOne(TABLE_EVENT_OUTBOX.CREATED_AT);
    return new Backlog(rows, oldest == null ? null : oldest.toInstant());
  }

  /** Marks the rows published rather than deleting them: they stay as the table's event log. */
  @Override
  public void delete(Connection connection, List<Long> ids) {
    DSL.using(connection, SQLDialect.POSTGRES)
        .update(TABLE_EVENT_OUTBOX)
        .set(TABLE_EVENT_OUTBOX.PUBLISHED_AT, DSL.currentOffsetDateTime())
        .where(TABLE_EVENT_OUTBOX.ID.in(ids))
        .and(TABLE_EVENT_OUTBOX.PUBLISHED_AT.isNull())
        .execute();
  }
}
