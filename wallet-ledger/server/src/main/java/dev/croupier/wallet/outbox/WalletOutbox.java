package dev.croupier.wallet.outbox;

import static dev.croupier.db.jooq.wallet.Tables.ACCOUNT;
import static dev.croupier.db.jooq.wallet.Tables.ENTRY;
import static dev.croupier.db.jooq.wallet.Tables.OUTBOX;
import static dev.croupier.db.jooq.wallet.Tables.TRANSACTION;

import dev.croupier.outbox.Backlog;
import dev.croupier.outbox.OutboxRecord;
import dev.croupier.outbox.OutboxStore;
import dev.croupier.outbox.OutboxTracing;
import dev.croupier.wallet.api.WalletEntryEvent;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * {@code wallet.outbox} as the relay reads it: each row is one ledger entry, published to {@code
 * wallet.entries} keyed by its account (so an account's entries stay in ledger order), encoded as a
 * {@link WalletEntryEvent} with its schema version in a header, and the {@code traceparent} of the
 * ledger write when it was traced. The relay runs on its own connection, which holds the outbox's
 * advisory lock.
 */
public final class WalletOutbox implements OutboxStore {
  /** Arbitrary, fixed: identifies the wallet relay's leadership lock among advisory locks. */
  private static final long RELAY_LOCK = 0x77616c6c6574L;

  /** The backlog is counted up to this many rows, so a long Kafka outage costs a bounded query. */
  static final int BACKLOG_CAP = 1_000_000;

  private final String topic;

  /**
   * @param topic normally {@code wallet.entries}
   */
  public WalletOutbox(String topic) {
    this.topic = topic;
  }

  @Override
  public long leadershipLock() {
    return RELAY_LOCK;
  }

  @Override
  public List<OutboxRecord> next(Connection c, int limit) {
    List<OutboxRecord> records = new ArrayList<>();
    for (Row row : rows(c, limit)) {
      WalletEntryEvent e = row.event();
      Map<String, String> headers = new HashMap<>(2);
      headers.put(WalletEntryEvent.SCHEMA_VERSION_HEADER, Integer.toString(e.schemaVersion()));
      if (row.traceParent() != null) {
        headers.put(OutboxTracing.HEADER, row.traceParent());
      }
      records.add(
          new OutboxRecord(
              row.outboxId(), topic, Long.toString(e.accountId()), e.encode(), headers));
    }
    return records;
  }

  @Override
  public Backlog backlog(Connection c) {
    DSLContext dsl = dsl(c);
    int rows = dsl.fetchCount(dsl.select(OUTBOX.ID).from(OUTBOX).limit(BACKLOG_CAP));
    if (rows == 0) {
      return Backlog.EMPTY;
    }
    OffsetDateTime oldest =
        dsl.select(ENTRY.CREATED_AT)
            .from(OUTBOX)
            .join(ENTRY)
            .on(ENTRY.ID.eq(OUTBOX.ENTRY_ID))
            .orderBy(OUTBOX.ID)
            .limit(1)
            .fetchOne(ENTRY.CREATED_AT);
    return new Backlog(rows, oldest == null ? null : oldest.toInstant());
  }

  @Override
  public void delete(Connection c, List<Long> outboxIds) {
    dsl(c).deleteFrom(OUTBOX).where(OUTBOX.ID.in(outboxIds)).execute();
  }

  /** An outbox row with the event it publishes and its trace context (null when not traced). */
  record Row(long outboxId, WalletEntryEvent event, String traceParent) {}

  List<Row> rows(Connection c, int limit) {
    return dsl(c)
        .select(
            OUTBOX.ID,
            ENTRY.ID,
            ENTRY.TRANSACTION_ID,
            ENTRY.ACCOUNT_ID,
            ENTRY.SHARD,
            ENTRY.CURRENCY,
            ENTRY.AMOUNT,
            ENTRY.BALANCE_AFTER,
            TRANSACTION.KIND,
            TRANSACTION.SESSION_ID,
            TRANSACTION.ROUND,
            TRANSACTION.TABLE_ID,
            ENTRY.CREATED_AT,
            TRANSACTION.IDEMPOTENCY_KEY,
            TRANSACTION.REVERSES_ID,
            ACCOUNT.TYPE,
            ACCOUNT.OWNER_ID,
            OUTBOX.TRACE_PARENT)
        .from(OUTBOX)
        .join(ENTRY)
        .on(ENTRY.ID.eq(OUTBOX.ENTRY_ID))
        .join(TRANSACTION)
        .on(TRANSACTION.ID.eq(ENTRY.TRANSACTION_ID))
        .join(ACCOUNT)
        .on(ACCOUNT.ID.eq(ENTRY.ACCOUNT_ID))
        .orderBy(OUTBOX.ID)
        .limit(limit)
        .fetch(
            r ->
                new Row(
                    r.value1(),
                    new WalletEntryEvent(
                        WalletEntryEvent.SCHEMA_VERSION,
                        r.value2(),
                        r.value3(),
                        r.value4(),
                        r.value5(),
                        r.value6(),
                        r.value7(),
                        r.value8(),
                        r.value9(),
                        r.value10() == null ? "" : r.value10(),
                        r.value11() == null ? 0 : r.value11(),
                        r.value12() == null ? "" : r.value12(),
                        r.value13().toInstant(),
                        r.value14(),
                        r.value15() == null ? 0 : r.value15(),
                        r.value16(),
                        r.value17() == null ? "" : r.value17().toString()),
                    r.value18()));
  }

  private static DSLContext dsl(Connection c) {
    return DSL.using(c, SQLDialect.POSTGRES);
  }
}
