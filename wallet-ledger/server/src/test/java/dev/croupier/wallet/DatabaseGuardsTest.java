package dev.croupier.wallet;

import static dev.croupier.wallet.WalletHarness.leg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The database itself refuses what the code must never do, whatever SQL tries it. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseGuardsTest {
  private WalletHarness w;
  private long house;
  private long player;
  private long txId;

  @BeforeAll
  void start(PostgresDatabase db) {
    w = WalletHarness.start(db);
    house = w.house("COIN");
    player = w.fundedPlayer(100);
    txId = w.post("g-1", TransactionKind.BET, leg(player, -10), leg(house, 10)).getTransactionId();
  }

  @AfterAll
  void stop() {
    w.close();
  }

  private void inOneTransaction(String... statements) throws SQLException {
    try (Connection c = w.dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String sql : statements) {
          s.execute(sql);
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    }
  }

  @Test
  void unbalancedTransactionIsRefusedAtCommit() throws Exception {
    String before = w.ledgerState();
    assertThatThrownBy(
            () ->
                inOneTransaction(
                    "insert into wallet.transaction (idempotency_key, request_hash, kind)"
                        + " values ('g-raw', sha256('x'), 'ADJUSTMENT')",
                    "insert into wallet.entry (transaction_id, leg, account_id, shard, currency,"
                        + " amount, balance_after) select id, 0, "
                        + house
                        + ", 0, 'COIN', 5, 5 from wallet.transaction where idempotency_key = 'g-raw'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("does not balance");
    assertThat(w.ledgerState()).isEqualTo(before);
  }

  @Test
  void balancedRawInsertSpreadOverStatementsIsAccepted() throws Exception {
    inOneTransaction(
        "insert into wallet.transaction (idempotency_key, request_hash, kind)"
            + " values ('g-raw-ok', sha256('y'), 'ADJUSTMENT')",
        "insert into wallet.entry (transaction_id, leg, account_id, shard, currency, amount,"
            + " balance_after) select id, 0, "
            + house
            + ", 1, 'COIN', 5, 0 from wallet.transaction where idempotency_key = 'g-raw-ok'",
        "insert into wallet.entry (transaction_id, leg, account_id, shard, currency, amount,"
            + " balance_after) select id, 1, "
            + house
            + ", 1, 'COIN', -5, 0 from wallet.transaction where idempotency_key = 'g-raw-ok'");
    assertThat(
            w.queryLong(
                "select count(*) from wallet.transaction where idempotency_key = 'g-raw-ok'"))
        .isEqualTo(1);
  }

  @Test
  void entriesAndTransactionsCannotBeUpdatedDeletedOrTruncated() {
    for (String sql :
        new String[] {
          "update wallet.entry set amount = amount where transaction_id = " + txId,
          "delete from wallet.entry where transaction_id = " + txId,
          "update wallet.transaction set kind = 'WIN' where id = " + txId,
          "delete from wallet.transaction where id = " + txId,
          "truncate wallet.entry cascade"
        }) {
      assertThatThrownBy(() -> inOneTransaction(sql))
          .as(sql)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
    }
  }

  @Test
  void playerBalanceCannotGoNegativeEvenByHand() {
    assertThatThrownBy(
            () ->
                inOneTransaction(
                    "update wallet.balance set balance = -1 where account_id = " + player))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("balance_floor");
  }

  @Test
  void entryCurrencyMustBeItsAccountsCurrency() {
    assertThatThrownBy(
            () ->
                inOneTransaction(
                    "insert into wallet.transaction (idempotency_key, request_hash, kind)"
                        + " values ('g-cur', sha256('z'), 'ADJUSTMENT')",
                    "insert into wallet.entry (transaction_id, leg, account_id, shard, currency,"
                        + " amount, balance_after) select id, l, "
                        + house
                        + ", 0, 'CASH', 1 - 2 * l, 0 from wallet.transaction, generate_series(0, 1) l"
                        + " where idempotency_key = 'g-cur'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("entry_sub_account");
  }
}
