package dev.croupier.client.tables;

import dev.croupier.errors.ErrorCode;
import dev.croupier.workflows.table.PostedTransfer;
import dev.croupier.workflows.table.TableAccounts;
import dev.croupier.workflows.table.TableLedgerActivities;
import dev.croupier.workflows.table.TableTransfer;
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

  /** Whether the stand-in wallet loses its answers after posting, as a timed-out call does. */
  volatile boolean answersLost;

  final Map<String, TableTransfer> reversed = new HashMap<>();

  @Override
  public synchronized long post(TableTransfer t) {
    if (answersLost) {
      postNow(t);
      throw new IllegalStateException("deadline exceeded after the post");
    }
    return postNow(t);
  }

  private long postNow(TableTransfer t) {
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

  /** Undoes a buy-in, once per key, as the wallet's ReverseTransaction does. */
  @Override
  public synchronized long reverse(String idempotencyKey, long escrow) {
    TableTransfer t = posted.get(idempotencyKey);
    if (t == null || t.kind() != TableTransfer.Kind.BUY_IN) {
      throw new UnsupportedOperationException("these tests reverse buy-ins only");
    }
    if (reversed.putIfAbsent(idempotencyKey, t) == null) {
      players.merge(t.playerId(), t.amount(), Long::sum);
      escrows.merge(t.escrow(), -t.amount(), Long::sum);
    }
    return escrows.get(t.escrow());
  }

  @Override
  public synchronized PostedTransfer find(String idempotencyKey, long escrow) {
    TableTransfer t = posted.get(idempotencyKey);
    if (t == null) {
      return null;
    }
    long out = t.kind() == TableTransfer.Kind.BUY_IN ? -t.amount() : t.amount();
    return new PostedTransfer(0, t.kind().name(), t.escrow() == escrow ? out : 0, t.currency());
  }
}
