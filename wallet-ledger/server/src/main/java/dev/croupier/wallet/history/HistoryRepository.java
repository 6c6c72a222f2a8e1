package dev.croupier.wallet.history;

import static dev.croupier.db.jooq.wallet.Tables.ENTRY;
import static dev.croupier.db.jooq.wallet.Tables.TRANSACTION;

import dev.croupier.wallet.ledger.Reference;
import dev.croupier.wallet.ledger.TransactionKind;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** SQL for reading transactions and entries. */
final class HistoryRepository {
  private static final Field<String[]> META_KEYS =
      DSL.field(
          "array(select k from jsonb_each_text({0}) as m(k, v) order by k)",
          String[].class, TRANSACTION.METADATA);
  private static final Field<String[]> META_VALUES =
      DSL.field(
          "array(select v from jsonb_each_text({0}) as m(k, v) order by k)",
          String[].class, TRANSACTION.METADATA);

  Optional<TransactionView> transaction(DSLContext ctx, Condition which) {
    Record t =
        ctx.select(TRANSACTION.asterisk(), META_KEYS, META_VALUES)
            .from(TRANSACTION)
            .where(which)
            .fetchOne();
    if (t == null) {
      return Optional.empty();
    }
    long id = t.get(TRANSACTION.ID);
    List<EntryView> entries =
        ctx.select(
                ENTRY.asterisk(),
                TRANSACTION.KIND,
                TRANSACTION.SESSION_ID,
                TRANSACTION.ROUND,
                TRANSACTION.TABLE_ID)
            .from(ENTRY)
            .join(TRANSACTION)
            .on(TRANSACTION.ID.eq(ENTRY.TRANSACTION_ID))
            .where(ENTRY.TRANSACTION_ID.eq(id))
            .orderBy(ENTRY.LEG)
            .fetch(HistoryRepository::entry);
    Map<String, String> metadata = new LinkedHashMap<>();
    String[] keys = t.get(META_KEYS);
    String[] values = t.get(META_VALUES);
    for (int i = 0; keys != null && i < keys.length; i++) {
      metadata.put(keys[i], values[i]);
    }
    Long reverses = t.get(TRANSACTION.REVERSES_ID);
    return Optional.of(
        new TransactionView(
            id,
            t.get(TRANSACTION.IDEMPOTENCY_KEY),
            TransactionKind.valueOf(t.get(TRANSACTION.KIND)),
            reference(t),
            metadata,
            reverses == null ? 0 : reverses,
            t.get(TRANSACTION.CREATED_AT).toInstant(),
            entries));
  }

  List<EntryView> entries(DSLContext ctx, EntryQuery q, int limit) {
    List<Condition> where = new ArrayList<>();
    if (!q.newestFirst()) {
      where.add(ENTRY.ID.gt(q.afterEntryId()));
    } else if (q.afterEntryId() > 0) {
      where.add(ENTRY.ID.lt(q.afterEntryId()));
    }
    if (q.accountId() != 0) {
      where.add(ENTRY.ACCOUNT_ID.eq(q.accountId()));
    }
    q.from().ifPresent(f -> where.add(ENTRY.CREATED_AT.ge(f.atOffset(ZoneOffset.UTC))));
    q.to().ifPresent(t -> where.add(ENTRY.CREATED_AT.lt(t.atOffset(ZoneOffset.UTC))));
    Reference ref = q.reference();
    if (!ref.sessionId().isEmpty()) {
      where.add(TRANSACTION.SESSION_ID.eq(ref.sessionId()));
    }
    if (ref.round() != 0) {
      where.add(TRANSACTION.ROUND.eq(ref.round()));
    }
    if (!ref.tableId().isEmpty()) {
      where.add(TRANSACTION.TABLE_ID.eq(ref.tableId()));
    }
    return ctx.select(
            ENTRY.asterisk(),
            TRANSACTION.KIND,
            TRANSACTION.SESSION_ID,
            TRANSACTION.ROUND,
            TRANSACTION.TABLE_ID)
        .from(ENTRY)
        .join(TRANSACTION)
        .on(TRANSACTION.ID.eq(ENTRY.TRANSACTION_ID))
        .where(where)
        .orderBy(q.newestFirst() ? ENTRY.ID.desc() : ENTRY.ID.asc())
        .limit(limit)
        .fetch(HistoryRepository::entry);
  }

  private static EntryView entry(Record r) {
    return new EntryView(
        r.get(ENTRY.ID),
        r.get(ENTRY.TRANSACTION_ID),
        r.get(ENTRY.LEG),
        r.get(ENTRY.ACCOUNT_ID),
        r.get(ENTRY.SHARD),
        r.get(ENTRY.CURRENCY),
        r.get(ENTRY.AMOUNT),
        r.get(ENTRY.BALANCE_AFTER),
        TransactionKind.valueOf(r.get(TRANSACTION.KIND)),
        reference(r),
        r.get(ENTRY.CREATED_AT).toInstant());
  }

  private static Reference reference(Record r) {
    Long round = r.get(TRANSACTION.ROUND);
    return new Reference(
        r.get(TRANSACTION.SESSION_ID), round == null ? 0 : round, r.get(TRANSACTION.TABLE_ID));
  }
}
