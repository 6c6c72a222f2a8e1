package dev.croupier.wallet.outbox;

import static dev.croupier.db.jooq.wallet.Tables.ACCOUNT;
import static dev.croupier.db.jooq.wallet.Tables.ENTRY;
import static dev.croupier.db.jooq.wallet.Tables.OUTBOX;
import static dev.croupier.db.jooq.wallet.Tables.TRANSACTION;

import dev.croupier.wallet.api.WalletEntryEvent;
import java.sql.Connection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/** SQL of the relay, on its own connection (it holds the relay's advisory lock). */
final class OutboxRepository {
  /** Arbitrary, fixed: identifies the relay's leadership lock among advisory locks. */
  private static final long RELAY_LOCK = 0x77616c6c6574L;

  /** An outbox row with the event it publishes. */
  record Row(long outboxId, WalletEntryEvent event) {}

  boolean tryLead(Connection c) {
    return Boolean.TRUE.equals(
        dsl(c)
            .select(DSL.field("pg_try_advisory_lock({0})", Boolean.class, RELAY_LOCK))
            .fetchOne(0));
  }

  List<Row> next(Connection c, int limit) {
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
            ACCOUNT.OWNER_ID)
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
                        r.value17() == null ? "" : r.value17().toString())));
  }

  int delete(Connection c, List<Long> outboxIds) {
    return dsl(c).deleteFrom(OUTBOX).where(OUTBOX.ID.in(outboxIds)).execute();
  }

  long pending(DSLContext dsl) {
    return dsl.fetchCount(OUTBOX);
  }

  private static DSLContext dsl(Connection c) {
    return DSL.using(c, SQLDialect.POSTGRES);
  }
}
