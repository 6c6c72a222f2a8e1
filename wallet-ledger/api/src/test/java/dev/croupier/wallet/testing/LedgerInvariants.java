package dev.croupier.wallet.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The ledger's invariants, checked in SQL over the whole database. Each query returns the rows that
 * break one invariant; an empty list means all hold. Published in wallet-ledger-api's test-jar, so
 * the wallet's own tests and any test that runs the real wallet (the topology's failover and
 * point-in-time recovery) check the same things.
 */
public final class LedgerInvariants {
  private static final String[][] CHECKS = {
    {
      "entries sum to zero per currency",
      "select currency, sum(amount) from wallet.entry group by currency having sum(amount) <> 0"
    },
    {
      "every transaction sums to zero per currency",
      "select transaction_id, currency from wallet.entry group by 1, 2 having sum(amount) <> 0"
    },
    {
      "every balance equals the sum of its entries",
      """
      select b.account_id, b.shard, b.balance, coalesce(s.total, 0)
      from wallet.balance b
      left join (select account_id, shard, sum(amount) total from wallet.entry group by 1, 2) s
        on s.account_id = b.account_id and s.shard = b.shard
      where b.balance <> coalesce(s.total, 0)
      """
    },
    {
      "balance_after chains: previous balance_after plus amount",
      """
      select id from (
        select id, amount, balance_after,
               lag(balance_after, 1, 0::bigint) over (partition by account_id, shard order by id) prev
        from wallet.entry) e
      where e.balance_after <> e.prev + e.amount
      """
    },
    {
      "the last balance_after is the balance",
      """
      select b.account_id, b.shard from wallet.balance b
      join lateral (select balance_after from wallet.entry e
                    where e.account_id = b.account_id and e.shard = b.shard
                    order by id desc limit 1) last on true
      where last.balance_after <> b.balance
      """
    },
    {
      "no player balance or entry is negative",
      """
      select a.id from wallet.account a join wallet.balance b on b.account_id = a.id
      where a.type = 'PLAYER' and b.balance < 0
      union all
      select e.id from wallet.entry e join wallet.account a on a.id = e.account_id
      where a.type = 'PLAYER' and e.balance_after < 0
      """
    },
    {
      "every transaction has entries",
      """
      select t.id from wallet.transaction t
      where not exists (select 1 from wallet.entry e where e.transaction_id = t.id)
      """
    }
  };

  private LedgerInvariants() {}

  /** Descriptions of the broken invariants, with a sample of offending rows. */
  public static List<String> violations(DataSource dataSource) {
    List<String> broken = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String[] check : CHECKS) {
        try (ResultSet rs = s.executeQuery(check[1])) {
          if (rs.next()) {
            broken.add(check[0] + ": e.g. " + rs.getString(1));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return broken;
  }
}
