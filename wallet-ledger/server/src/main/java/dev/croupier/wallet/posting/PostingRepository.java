package dev.croupier.wallet.posting;

import static dev.croupier.db.jooq.wallet.Tables.ENTRY;
import static dev.croupier.db.jooq.wallet.Tables.TRANSACTION;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.jooq.DSLContext;

/**
 * SQL of the posting path. The two hot statements (lock, write) are plain JDBC with array
 * parameters: their text is the same for every batch size, so PostgreSQL plans each once per
 * connection, and a whole batch is written in one round trip.
 */
final class PostingRepository {

  /** A transaction already in the ledger, with what a replay must return. */
  record Stored(long id, byte[] requestHash, Instant createdAt, List<StoredEntry> entries) {}

  /** One entry of a stored transaction, in leg order. */
  record StoredEntry(long accountId, int shard, String currency, long amount, long balanceAfter) {}

  /** A sub-account row locked for this batch. */
  static final class Locked {
    final boolean allowNegative;
    long balance;

    Locked(long balance, boolean allowNegative) {
      this.balance = balance;
      this.allowNegative = allowNegative;
    }
  }

  /** A transaction to insert, with its entries. */
  record NewTransaction(Pending pending, List<NewEntry> entries) {}

  /** An entry to insert. */
  record NewEntry(
      int leg, long accountId, int shard, String currency, long amount, long balanceAfter) {}

  /** What the insert returned for one transaction. */
  record Inserted(long id, Instant createdAt) {}

  Map<String, Stored> findByKeys(DSLContext ctx, Collection<String> keys) {
    Map<String, Stored> out = new HashMap<>();
    Map<String, List<StoredEntry>> entries = new HashMap<>();
    ctx.select(
            TRANSACTION.ID,
            TRANSACTION.IDEMPOTENCY_KEY,
            TRANSACTION.REQUEST_HASH,
            TRANSACTION.CREATED_AT,
            ENTRY.ACCOUNT_ID,
            ENTRY.SHARD,
            ENTRY.CURRENCY,
            ENTRY.AMOUNT,
            ENTRY.BALANCE_AFTER)
        .from(TRANSACTION)
        .join(ENTRY)
        .on(ENTRY.TRANSACTION_ID.eq(TRANSACTION.ID))
        .where(TRANSACTION.IDEMPOTENCY_KEY.in(keys))
        .orderBy(TRANSACTION.ID, ENTRY.LEG)
        .forEach(
            r -> {
              String key = r.value2();
              List<StoredEntry> list = entries.computeIfAbsent(key, k -> new ArrayList<>());
              list.add(new StoredEntry(r.value5(), r.value6(), r.value7(), r.value8(), r.value9()));
              out.computeIfAbsent(
                  key, k -> new Stored(r.value1(), r.value3(), r.value4().toInstant(), list));
            });
    return out;
  }

  Set<Long> alreadyReversed(DSLContext ctx, Collection<Long> transactionIds) {
    return new HashSet<>(
        ctx.select(TRANSACTION.REVERSES_ID)
            .from(TRANSACTION)
            .where(TRANSACTION.REVERSES_ID.in(transactionIds))
            .fetch(TRANSACTION.REVERSES_ID));
  }

  private static final String LOCK =
      """
      select b.account_id, b.shard, b.balance, b.allow_negative
      from wallet.balance b
      join unnest(?::bigint[], ?::smallint[]) as k (account_id, shard)
        on b.account_id = k.account_id and b.shard = k.shard
      order by b.account_id, b.shard
      for update of b
      """;

  /** Locks the rows in {@code subAccounts}' order; every batch locks in this one order. */
  Map<SubAccount, Locked> lock(DSLContext ctx, SortedSet<SubAccount> subAccounts) {
    return ctx.connectionResult(
        c -> {
          Long[] ids = new Long[subAccounts.size()];
          Short[] shards = new Short[subAccounts.size()];
          int i = 0;
          for (SubAccount s : subAccounts) {
            ids[i] = s.accountId();
            shards[i++] = (short) s.shard();
          }
          Map<SubAccount, Locked> out = new HashMap<>();
          try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.setArray(2, c.createArrayOf("smallint", shards));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(
                    new SubAccount(rs.getLong(1), rs.getShort(2)),
                    new Locked(rs.getLong(3), rs.getBoolean(4)));
              }
            }
          }
          return out;
        });
  }

  private static final String WRITE =
      """
      with tx as (
        insert into wallet.transaction
          (idempotency_key, request_hash, kind, session_id, round, table_id, metadata, reverses_id)
        select u.k, u.h, u.kind, u.s, u.r, u.t, u.m::jsonb, u.rv
        from unnest(?::varchar[], ?::bytea[], ?::varchar[], ?::varchar[], ?::bigint[],
                    ?::varchar[], ?::text[], ?::bigint[]) as u (k, h, kind, s, r, t, m, rv)
        on conflict (idempotency_key) do nothing
        returning id, idempotency_key, created_at
      ), en as (
        insert into wallet.entry
          (transaction_id, leg, account_id, shard, currency, amount, balance_after)
        select tx.id, x.leg, x.account_id, x.shard, x.currency, x.amount, x.balance_after
        from unnest(?::varchar[], ?::smallint[], ?::bigint[], ?::smallint[], ?::varchar[],
                    ?::bigint[], ?::bigint[]) with ordinality
             as x (k, leg, account_id, shard, currency, amount, balance_after, ord)
        join tx on tx.idempotency_key = x.k
        order by x.ord
        returning id, account_id, transaction_id
      ), ob as (
        insert into wallet.outbox (entry_id, account_id, trace_parent)
        select en.id, en.account_id, tp.parent
        from en
        join tx on tx.id = en.transaction_id
        join unnest(?::varchar[], ?::varchar[]) as tp (k, parent) on tp.k = tx.idempotency_key
        order by en.id
      ), bal as (
        update wallet.balance b set balance = v.balance
        from unnest(?::bigint[], ?::smallint[], ?::bigint[]) as v (account_id, shard, balance)
        where b.account_id = v.account_id and b.shard = v.shard
      )
      select tx.idempotency_key, tx.id, tx.created_at from tx
      """;

  /**
   * Inserts the transactions, their entries and outbox rows, and sets the new balances, in one
   * statement. Returns what was inserted by key; a key missing from the result was taken by a
   * concurrent writer, and the caller must roll back.
   */
  Map<String, Inserted> write(
      DSLContext ctx, List<NewTransaction> txs, Map<SubAccount, Long> balances) {
    return ctx.connectionResult(
        c -> {
          int n = txs.size();
          String[] keys = new String[n];
          byte[][] hashes = new byte[n][];
          String[] kinds = new String[n];
          String[] sessions = new String[n];
          Long[] rounds = new Long[n];
          String[] tables = new String[n];
          String[] metadata = new String[n];
          Long[] reverses = new Long[n];
          String[] traceParents = new String[n];
          List<NewEntry> entries = new ArrayList<>();
          List<String> entryKeys = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            PostRequest r = txs.get(i).pending().request;
            keys[i] = r.idempotencyKey();
            hashes[i] = txs.get(i).pending().hash;
            kinds[i] = r.kind().name();
            sessions[i] = emptyToNull(r.reference().sessionId());
            rounds[i] = r.reference().round() == 0 ? null : r.reference().round();
            tables[i] = emptyToNull(r.reference().tableId());
            metadata[i] = r.metadata().isEmpty() ? null : Json.object(r.metadata());
            reverses[i] = r.reversesTransactionId() == 0 ? null : r.reversesTransactionId();
            traceParents[i] = txs.get(i).pending().traceParent();
            for (NewEntry e : txs.get(i).entries()) {
              entries.add(e);
              entryKeys.add(keys[i]);
            }
          }
          int m = entries.size();
          Short[] legs = new Short[m];
          Long[] accounts = new Long[m];
          Short[] shards = new Short[m];
          String[] currencies = new String[m];
          Long[] amounts = new Long[m];
          Long[] after = new Long[m];
          for (int j = 0; j < m; j++) {
            NewEntry e = entries.get(j);
            legs[j] = (short) e.leg();
            accounts[j] = e.accountId();
            shards[j] = (short) e.shard();
            currencies[j] = e.currency();
            amounts[j] = e.amount();
            after[j] = e.balanceAfter();
          }
          Long[] bAccounts = new Long[balances.size()];
          Short[] bShards = new Short[balances.size()];
          Long[] bValues = new Long[balances.size()];
          int k = 0;
          for (var b : balances.entrySet()) {
            bAccounts[k] = b.getKey().accountId();
            bShards[k] = (short) b.getKey().shard();
            bValues[k++] = b.getValue();
          }
          Map<String, Inserted> out = new LinkedHashMap<>();
          try (PreparedStatement ps = c.prepareStatement(WRITE)) {
            int p = 1;
            ps.setArray(p++, array(c, "varchar", keys));
            ps.setArray(p++, c.createArrayOf("bytea", hashes));
            ps.setArray(p++, array(c, "varchar", kinds));
            ps.setArray(p++, array(c, "varchar", sessions));
            ps.setArray(p++, array(c, "bigint", rounds));
            ps.setArray(p++, array(c, "varchar", tables));
            ps.setArray(p++, array(c, "text", metadata));
            ps.setArray(p++, array(c, "bigint", reverses));
            ps.setArray(p++, array(c, "varchar", entryKeys.toArray(new String[0])));
            ps.setArray(p++, array(c, "smallint", legs));
            ps.setArray(p++, array(c, "bigint", accounts));
            ps.setArray(p++, array(c, "smallint", shards));
            ps.setArray(p++, array(c, "varchar", currencies));
            ps.setArray(p++, array(c, "bigint", amounts));
            ps.setArray(p++, array(c, "bigint", after));
            ps.setArray(p++, array(c, "varchar", keys));
            ps.setArray(p++, array(c, "varchar", traceParents));
            ps.setArray(p++, array(c, "bigint", bAccounts));
            ps.setArray(p++, array(c, "smallint", bShards));
            ps.setArray(p, array(c, "bigint", bValues));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(
                    rs.getString(1),
                    new Inserted(rs.getLong(2), rs.getObject(3, OffsetDateTime.class).toInstant()));
              }
            }
          }
          return out;
        });
  }

  private static Array array(Connection c, String type, Object[] values)
      throws java.sql.SQLException {
    return c.createArrayOf(type, values);
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
