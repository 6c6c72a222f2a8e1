package dev.croupier.activities.table;

import static dev.croupier.activities.internal.WalletCalls.leg;

import dev.croupier.activities.internal.WalletCalls;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Entry;
import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.GetTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.PostedBalance;
import dev.croupier.api.wallet.v1.Reference;
import dev.croupier.api.wallet.v1.ReverseTransactionRequest;
import dev.croupier.api.wallet.v1.Transaction;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.api.WalletErrors;
import dev.croupier.workflows.table.PostedTransfer;
import dev.croupier.workflows.table.TableAccounts;
import dev.croupier.workflows.table.TableLedgerActivities;
import dev.croupier.workflows.table.TableTransfer;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A table's wallet calls: buy-ins, cash-outs and rake between the player, the table's {@code
 * TABLE_ESCROW} account and the house. Business errors are non-retryable failures typed with the
 * error code; everything else (deadline exceeded, unavailable) is thrown as is and retried under
 * the same key, which is how an unknown outcome is reconciled.
 */
public final class TableLedgerActivitiesImpl implements TableLedgerActivities {
  private final WalletGrpc.WalletBlockingStub wallet;
  private final Duration deadline;
  // Accounts never change once opened: one lookup per owner, currency and type per process.
  private final Map<String, Long> accounts = new ConcurrentHashMap<>();

  public TableLedgerActivitiesImpl(WalletGrpc.WalletBlockingStub wallet, Duration deadline) {
    this.wallet = wallet;
    this.deadline = deadline;
  }

  @Override
  public TableAccounts openTable(UUID tableId, String currency) {
    try {
      long escrow = account(tableId.toString(), currency, AccountType.TABLE_ESCROW);
      long balance =
          stub()
              .getBalance(GetBalanceRequest.newBuilder().setAccountId(escrow).build())
              .getBalance();
      return new TableAccounts(escrow, currency, balance);
    } catch (StatusRuntimeException e) {
      throw classify(e);
    }
  }

  @Override
  public long post(TableTransfer t) {
    try {
      long escrow = t.escrow();
      long from;
      long to;
      TransactionKind kind;
      switch (t.kind()) {
        case BUY_IN -> {
          from = account(t.playerId(), t.currency(), AccountType.PLAYER);
          to = escrow;
          kind = TransactionKind.BUY_IN;
        }
        case CASH_OUT -> {
          from = escrow;
          to = account(t.playerId(), t.currency(), AccountType.PLAYER);
          kind = TransactionKind.CASH_OUT;
        }
        case RAKE -> {
          from = escrow;
          to = account("", t.currency(), AccountType.HOUSE);
          kind = TransactionKind.RAKE;
        }
        default -> throw new IllegalArgumentException("unknown transfer " + t.kind());
      }
      PostTransactionRequest.Builder request =
          PostTransactionRequest.newBuilder()
              .setIdempotencyKey(t.idempotencyKey())
              .setKind(kind)
              .setReference(Reference.newBuilder().setTableId(t.tableId().toString()).build())
              .putMetadata("hand", String.valueOf(t.handNumber()))
              .addLegs(leg(from, t.currency(), -t.amount()))
              .addLegs(leg(to, t.currency(), t.amount()));
      if (t.seat() >= 0) {
        request.putMetadata("seat", String.valueOf(t.seat()));
      }
      PostTransactionResponse response = stub().postTransaction(request.build());
      return escrowBalance(response.getBalancesList(), escrow);
    } catch (StatusRuntimeException e) {
      throw classify(e);
    }
  }

  @Override
  public long reverse(String idempotencyKey, long escrow) {
    try {
      long original =
          stub()
              .getTransaction(
                  GetTransactionRequest.newBuilder().setIdempotencyKey(idempotencyKey).build())
              .getTransactionId();
      PostTransactionResponse response =
          stub()
              .reverseTransaction(
                  ReverseTransactionRequest.newBuilder()
                      .setIdempotencyKey(idempotencyKey + "/reversal")
                      .setTransactionId(original)
                      .build());
      return escrowBalance(response.getBalancesList(), escrow);
    } catch (StatusRuntimeException e) {
      throw classify(e);
    }
  }

  @Override
  public PostedTransfer find(String idempotencyKey, long escrow) {
    Transaction t;
    try {
      t =
          stub()
              .getTransaction(
                  GetTransactionRequest.newBuilder().setIdempotencyKey(idempotencyKey).build());
    } catch (StatusRuntimeException e) {
      if (WalletErrors.codeOf(e).orElse(null) == ErrorCode.UNKNOWN_TRANSACTION) {
        return null;
      }
      throw classify(e);
    }
    long out = 0;
    String currency = "";
    for (Entry e : t.getEntriesList()) {
      currency = e.getCurrency();
      if (e.getAccountId() == escrow) {
        out -= e.getAmount();
      }
    }
    return new PostedTransfer(t.getTransactionId(), t.getKind().name(), out, currency);
  }

  private static long escrowBalance(Iterable<PostedBalance> balances, long escrow) {
    for (PostedBalance b : balances) {
      if (b.getAccountId() == escrow) {
        return b.getBalance();
      }
    }
    throw new IllegalStateException("no escrow balance in the answer");
  }

  private long account(String owner, String currency, AccountType type) {
    return accounts.computeIfAbsent(
        owner + "/" + currency + "/" + type,
        k -> WalletCalls.openAccount(stub(), owner, currency, type));
  }

  private WalletGrpc.WalletBlockingStub stub() {
    return wallet.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static RuntimeException classify(StatusRuntimeException e) {
    return WalletCalls.classify(e);
  }
}
