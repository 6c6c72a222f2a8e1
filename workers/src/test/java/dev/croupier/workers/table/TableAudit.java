package dev.croupier.workers.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.activities.table.HoleCardSealer;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.wallet.testing.TestWallet;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What the table tests read back: the escrow in the wallet, the outbox, the ledger, in SQL. */
final class TableAudit {
  static final ObjectMapper JSON = new ObjectMapper();

  private final PostgresDatabase db;

  TableAudit(PostgresDatabase db) {
    this.db = db;
  }

  /** One row of {@code game.table_event_outbox}; {@code value} is null for a lobby tombstone. */
  record OutboxRow(long seq, String topic, String type, long handNumber, String payload) {
    JsonNode value() {
      try {
        return payload == null ? null : JSON.readTree(payload);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** One wallet transaction of a table. */
  record Posted(String key, String kind, long amount) {}

  /** The escrow's balance as the wallet answers it over gRPC. */
  static long escrowInWallet(TestWallet wallet, UUID tableId) {
    return wallet.balance(tableId.toString(), AccountType.TABLE_ESCROW);
  }

  /** The table's outbox rows not yet relayed, by {@code seq}. */
  List<OutboxRow> outbox(UUID tableId) throws SQLException {
    List<OutboxRow> out = new ArrayList<>();
    try (Connection c = db.connect();
        PreparedStatement st =
            c.prepareStatement(
                "select seq, topic, type, hand_number, payload from game.table_event_outbox"
                    + " where table_id = ? order by seq")) {
      st.setObject(1, tableId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(
              new OutboxRow(
                  rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
        }
      }
    }
    return out;
  }

  /**
   * The table's wallet transactions (buy-ins, cash-outs, rake, reversals): key, kind, and the
   * amount that left the debited account.
   */
  List<Posted> tableTransactions(UUID tableId) throws SQLException {
    List<Posted> out = new ArrayList<>();
    try (Connection c = db.connect();
        PreparedStatement st =
            c.prepareStatement(
                "select t.idempotency_key, t.kind,"
                    + " (select max(e.amount) from wallet.entry e where e.transaction_id = t.id)"
                    + " from wallet.transaction t where t.table_id = ? order by t.id")) {
      st.setString(1, tableId.toString());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new Posted(rs.getString(1), rs.getString(2), rs.getLong(3)));
        }
      }
    }
    return out;
  }

  /** The first column of the first row of {@code sql}, as a long. */
  long count(String sql) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement st = c.prepareStatement(sql);
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Transactions whose entries do not sum to zero. */
  long unbalancedTransactions() throws SQLException {
    return count(
        "select count(*) from (select transaction_id from wallet.entry group by transaction_id"
            + " having sum(amount) <> 0) x");
  }

  /** Currencies whose entries do not sum to zero over the whole ledger. */
  long currenciesNotSummingToZero() throws SQLException {
    return count(
        "select count(*) from (select currency from wallet.entry group by currency"
            + " having sum(amount) <> 0) x");
  }

  /** Sub-accounts whose balance is not the sum of their entries. */
  long balancesOffTheirEntries() throws SQLException {
    return count(
        "select count(*) from wallet.balance b where b.balance <> (select coalesce(sum(e.amount), 0)"
            + " from wallet.entry e where e.account_id = b.account_id and e.shard = b.shard)");
  }

  /** The summed balances of every account of {@code type}. */
  long balanceOf(String type) throws SQLException {
    return count(
        "select coalesce(sum(b.balance), 0) from wallet.balance b join wallet.account a"
            + " on a.id = b.account_id where a.type = '"
            + type
            + "'");
  }

  /**
   * Opens a {@code holeCardsSealed} record with the compliance private key.
   *
   * @throws GeneralSecurityException with any other key, or a record moved to another seat or hand
   */
  static List<String> openHoleCards(PrivateKey key, JsonNode value)
      throws GeneralSecurityException {
    try {
      HoleCardSealer.Sealed sealed =
          JSON.treeToValue(value.get("sealed"), HoleCardSealer.Sealed.class);
      String aad =
          value.get("tableId").asText()
              + "/"
              + value.get("handNumber").asLong()
              + "/"
              + value.get("seat").asInt()
              + "/"
              + value.get("playerId").asText();
      return List.of(JSON.readValue(HoleCardSealer.open(key, sealed, aad), String[].class));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
