package dev.croupier.bench.wallet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty, migrated wallet schema with players and past grants through the real tables,
 * set-based: every grant is a balanced two-entry transaction with a correct balance_after chain, so
 * the balance trigger and the invariants hold.
 */
final class LedgerSeed {
  private static final Logger log = LoggerFactory.getLogger(LedgerSeed.class);
  static final long GRANT = 1_000;

  private LedgerSeed() {}

  /** Creates {@code players} players and {@code grants} grants (2 entries each). */
  static long[] seed(Connection c, int players, int grants, int chunk) throws SQLException {
    c.setAutoCommit(false);
    long promo;
    long firstPlayer;
    try (Statement s = c.createStatement()) {
      promo = one(s, "select id from wallet.account where type = 'PROMO' and currency = 'COIN'");
      s.executeUpdate(
          "insert into wallet.account (owner_id, currency, type) select gen_random_uuid(), 'COIN',"
              + " 'PLAYER' from generate_series(1, "
              + players
              + ")");
      firstPlayer = one(s, "select min(id) from wallet.account where type = 'PLAYER'");
      s.executeUpdate(
          "insert into wallet.balance (account_id, shard, currency, allow_negative)"
              + " select id, 0, currency, allow_negative from wallet.account where type = 'PLAYER'");
    }
    c.commit();
    String tx =
        "insert into wallet.transaction (idempotency_key, request_hash, kind)"
            + " select 'seed-' || g, sha256(('seed-' || g)::bytea), 'GRANT'"
            + " from generate_series(?::bigint, ?::bigint) g order by g";
    String entries =
        """
        insert into wallet.entry (transaction_id, leg, account_id, shard, currency, amount, balance_after)
        select t.id, l.leg,
               case l.leg when 0 then ?::bigint else ?::bigint + (g % ?::bigint) end,
               0, 'COIN',
               case l.leg when 0 then -?::bigint else ?::bigint end,
               case l.leg when 0 then -?::bigint * (g + 1) else ?::bigint * (g / ?::bigint + 1) end
        from generate_series(?::bigint, ?::bigint) g
        join wallet.transaction t on t.idempotency_key = 'seed-' || g
        cross join (values (0), (1)) l (leg)
        order by g, l.leg
        """;
    for (long lo = 0; lo < grants; lo += chunk) {
      long hi = Math.min(grants, lo + chunk) - 1;
      try (PreparedStatement p = c.prepareStatement(tx)) {
        p.setLong(1, lo);
        p.setLong(2, hi);
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement(entries)) {
        int i = 1;
        p.setLong(i++, promo);
        p.setLong(i++, firstPlayer);
        p.setLong(i++, players);
        p.setLong(i++, GRANT);
        p.setLong(i++, GRANT);
        p.setLong(i++, GRANT);
        p.setLong(i++, GRANT);
        p.setLong(i++, players);
        p.setLong(i++, lo);
        p.setLong(i, hi);
        p.executeUpdate();
      }
      c.commit();
      log.info("seeded {} of {} grants", hi + 1, grants);
    }
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          """
          update wallet.balance b set balance = s.total
          from (select account_id, shard, sum(amount) total from wallet.entry group by 1, 2) s
          where s.account_id = b.account_id and s.shard = b.shard
          """);
    }
    c.commit();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("vacuum analyze");
    }
    return new long[] {firstPlayer, firstPlayer + players - 1};
  }

  /** The players of an already seeded ledger. */
  static long[] players(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return new long[] {
        one(s, "select min(id) from wallet.account where type = 'PLAYER'"),
        one(s, "select max(id) from wallet.account where type = 'PLAYER'")
      };
    }
  }

  static long one(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
