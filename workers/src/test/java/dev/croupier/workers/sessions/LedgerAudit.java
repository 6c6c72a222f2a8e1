package dev.croupier.workers.sessions;

import dev.croupier.testsupport.PostgresDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** SQL over the wallet and game schemas that checks what the crash tests promise. */
final class LedgerAudit {
  private final PostgresDatabase db;

  LedgerAudit(PostgresDatabase db) {
    this.db = db;
  }

  /** Round transactions by idempotency key: {@code session-<id>/round-<n>} to transaction id. */
  Map<String, Long> roundTransactions() {
    Map<String, Long> out = new HashMap<>();
    query(
        "select idempotency_key, id from wallet.transaction where idempotency_key like 'session-%'"
            + " and kind = 'BET_AND_WIN'",
        rs -> out.put(rs.getString(1), rs.getLong(2)));
    return out;
  }

  /** Jackpot payouts by idempotency key: {@code session-<id>/round-<n>/jackpot} to amount won. */
  Map<String, Long> jackpotPayouts() {
    Map<String, Long> out = new HashMap<>();
    query(
        """
        select t.idempotency_key,
               coalesce((select sum(e.amount) from wallet.entry e
                         join wallet.account a on a.id = e.account_id
                         where e.transaction_id = t.id and a.type = 'PLAYER'), 0)
        from wallet.transaction t
        where t.idempotency_key like 'session-%' and t.kind = 'JACKPOT_WIN'
        """,
        rs -> out.put(rs.getString(1), rs.getLong(2)));
    return out;
  }

  /** Projected rounds by ledger key: key to the ledger transaction id the projection recorded. */
  Map<String, Long> projectedRounds() {
    Map<String, Long> out = new HashMap<>();
    query(
        "select ledger_key, ledger_transaction_id from game.rounds",
        rs -> out.put(rs.getString(1), rs.getLong(2)));
    return out;
  }

  /** Round transactions that miss their stake leg, their win leg, or do not balance. */
  long roundsWithoutSettlement() {
    return count(
        """
        select count(*) from wallet.transaction t
        where t.idempotency_key like 'session-%' and t.kind <> 'JACKPOT_WIN' and (
          t.kind <> 'BET_AND_WIN'
          or (select sum(amount) from wallet.entry e where e.transaction_id = t.id) <> 0
          or not exists (select 1 from wallet.entry e where e.transaction_id = t.id
                         and e.account_id = (t.metadata->>'playerAccount')::bigint
                         and e.amount = -(t.metadata->>'stake')::bigint)
          or ((t.metadata->>'win')::bigint > 0
              and not exists (select 1 from wallet.entry e where e.transaction_id = t.id
                              and e.account_id = (t.metadata->>'playerAccount')::bigint
                              and e.amount = (t.metadata->>'win')::bigint)))
        """);
  }

  /** Currencies whose entries do not sum to zero. */
  long currenciesNotSummingToZero() {
    return count(
        "select count(*) from (select currency from wallet.entry group by currency"
            + " having sum(amount) <> 0) x");
  }

  /** Player sub-accounts whose balance is not the sum of their entries. */
  long playerBalancesOffTheirEntries() {
    return count(
        """
        select count(*) from wallet.balance b join wallet.account a on a.id = b.account_id
        where a.type = 'PLAYER'
          and b.balance <> (select coalesce(sum(e.amount), 0) from wallet.entry e
                            where e.account_id = b.account_id and e.shard = b.shard)
        """);
  }

  /**
   * Players whose balance is not grant - stakes + wins (jackpots included) of their projected
   * rounds.
   */
  long playersOffTheirRounds(long grant) {
    return count(
        """
        select count(*) from wallet.account a join wallet.balance b on b.account_id = a.id
        where a.type = 'PLAYER' and a.owner_id in (select user_id from game.sessions)
          and b.balance <> %d - (select coalesce(sum(r.stake - r.total_win - r.jackpot_win), 0)
                                 from game.rounds r where r.user_id = a.owner_id)
        """
            .formatted(grant));
  }

  long count(String sql) {
    long[] n = new long[1];
    query(sql, rs -> n[0] = rs.getLong(1));
    return n[0];
  }

  interface RowHandler {
    void row(ResultSet rs) throws SQLException;
  }

  void query(String sql, RowHandler handler) {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        handler.row(rs);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
