package dev.croupier.workflows.table;

import dev.croupier.errors.ErrorCode;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A ledger stand-in with the wallet's idempotency and funds rules, for pure workflow tests. */
final class InMemoryTableLedger implements TableLedgerActivities {
  final Map<String, Long> players = new HashMap<>();
  final Map<Long, Long> escrows = new HashMap<>();
  final Map<String, TableTransfer> posted = new HashMap<>();
  long house;
  private long nextAccount = 100;

  synchronized void fund(String player, long amount) {
    players.merge(player, amount, Long::sum);
  }

  synchronized long balance(String player) {
    return players.getOrDefault(player, 0L);
  }

  @Override
  public synchronized TableAccounts openTable(UUID tableId, String currency) {
    long id = nextAccount++;
    escrows.put(id, 0L);
    return new TableAccounts(id, currency, 0);
  }

  @Override
  public synchronized long post(TableTransfer t) {
    TableTransfer prior = posted.get(t.idempotencyKey());
    if (prior != null) {
      if (!prior.equals(t)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "conflict", ErrorCode.IDEMPOTENCY_CONFLICT.name());
      }
      return escrows.get(t.escrow());
    }
    long escrow = escrows.get(t.escrow());
    switch (t.kind()) {
      case BUY_IN -> {
        if (balance(t.playerId()) < t.amount()) {
          throw ApplicationFailure.newNonRetryableFailure(
              "funds", ErrorCode.INSUFFICIENT_FUNDS.name());
        }
        players.merge(t.playerId(), -t.amount(), Long::sum);
        escrow += t.amount();
      }
      case CASH_OUT -> {
        players.merge(t.playerId(), t.amount(), Long::sum);
        escrow -= t.amount();
      }
      case RAKE -> {
        house += t.amount();
        escrow -= t.amount();
      }
    }
    if (escrow < 0) {
      throw ApplicationFailure.newNonRetryableFailure(
          "escrow", ErrorCode.INSUFFICIENT_FUNDS.name());
    }
    escrows.put(t.escrow(), escrow);
    posted.put(t.idempotencyKey(), t);
    return escrow;
  }

  @Override
  public synchronized long reverse(String idempotencyKey, long escrow) {
    throw new UnsupportedOperationException("no orphans in these tests");
  }
}
