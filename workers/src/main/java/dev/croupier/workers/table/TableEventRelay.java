package dev.croupier.workers.table;

import static dev.croupier.db.jooq.game.Tables.TABLE_EVENT_OUTBOX;

import dev.croupier.db.jooq.game.tables.records.TableEventOutboxRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.jooq.DSLContext;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code game.table_event_outbox} to Kafka: in one transaction, under an advisory lock so
 * that one relay runs at a time (which keeps each table's records in order), it reads the oldest
 * rows, sends them keyed by table id, waits for every acknowledgement, and deletes them. A crash
 * between the acknowledgement and the commit sends those rows again: delivery is at least once and
 * consumers deduplicate by {@code (tableId, seq)}, which every record carries (value and headers).
 * The effect is exactly once per event.
 */
public final class TableEventRelay {
  private static final Logger log = LoggerFactory.getLogger(TableEventRelay.class);
  private static final long LOCK = 0x7461626c65L; // "table"

  private final DSLContext dsl;
  private final Producer<String, String> producer;
  private final int batchSize;

  public TableEventRelay(DSLContext dsl, Producer<String, String> producer, int batchSize) {
    this.dsl = dsl;
    this.producer = producer;
    this.batchSize = batchSize;
  }

  /**
   * Publishes one batch.
   *
   * @return rows published; 0 when the outbox is empty or another relay holds the lock
   */
  public int publishBatch(Duration ackTimeout) {
    return dsl.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          Boolean locked =
              tx.select(DSL.field("pg_try_advisory_xact_lock({0})", Boolean.class, LOCK))
                  .fetchOne(0, Boolean.class);
          if (!Boolean.TRUE.equals(locked)) {
            return 0;
          }
          Result<TableEventOutboxRecord> rows =
              tx.selectFrom(TABLE_EVENT_OUTBOX)
                  .orderBy(TABLE_EVENT_OUTBOX.ID)
                  .limit(batchSize)
                  .fetch();
          if (rows.isEmpty()) {
            return 0;
          }
          List<Future<?>> sent = new ArrayList<>();
          List<Long> ids = new ArrayList<>();
          for (TableEventOutboxRecord r : rows) {
            ProducerRecord<String, String> record =
                new ProducerRecord<>(r.getTopic(), r.getTableId().toString(), r.getPayload());
            record.headers().add(header("type", r.getType()));
            record.headers().add(header("seq", String.valueOf(r.getSeq())));
            sent.add(producer.send(record));
            ids.add(r.getId());
          }
          producer.flush();
          for (Future<?> f : sent) {
            f.get(ackTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
          }
          tx.deleteFrom(TABLE_EVENT_OUTBOX).where(TABLE_EVENT_OUTBOX.ID.in(ids)).execute();
          log.debug("published {} table events", ids.size());
          return ids.size();
        });
  }

  private static RecordHeader header(String key, String value) {
    return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
