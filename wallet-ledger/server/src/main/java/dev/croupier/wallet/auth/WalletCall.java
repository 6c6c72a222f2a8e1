package dev.croupier.wallet.auth;

import dev.croupier.wallet.ledger.AccountType;
import dev.croupier.wallet.ledger.TransactionKind;
import java.util.List;
import java.util.Optional;

/** A wallet call as the authorization sees it: the method and what it would touch. */
public sealed interface WalletCall {
  /** The gRPC method's short name, for logs. */
  String method();

  /** PostTransaction. */
  record Post(TransactionKind kind, String idempotencyKey, List<Long> accounts)
      implements WalletCall {
    @Override
    public String method() {
      return "PostTransaction";
    }
  }

  /**
   * ReverseTransaction of a committed transaction.
   *
   * @param reversed the transaction to reverse; empty when asked before it is looked up
   */
  record Reverse(String idempotencyKey, Optional<Reversed> reversed) implements WalletCall {
    @Override
    public String method() {
      return "ReverseTransaction";
    }
  }

  /** The idempotency key and kind of a transaction to reverse. */
  record Reversed(String idempotencyKey, TransactionKind kind) {}

  /** PayJackpot to a winner. */
  record PayJackpot(String idempotencyKey, long winnerAccountId) implements WalletCall {
    @Override
    public String method() {
      return "PayJackpot";
    }
  }

  /** OpenAccount, with or without the welcome grant. */
  record Open(AccountType type, boolean welcomeGrant) implements WalletCall {
    @Override
    public String method() {
      return "OpenAccount";
    }
  }

  /**
   * GetBalance, GetBalances or ListEntries.
   *
   * @param accounts the accounts read; empty for ListEntries over every account
   */
  record Read(String method, List<Long> accounts) implements WalletCall {}

  /** GetTransaction, by ID or key. */
  record ReadTransaction() implements WalletCall {
    @Override
    public String method() {
      return "GetTransaction";
    }
  }

  /** ListCurrencies: the ledger's currencies and their scales, nothing of any account. */
  record ReadCurrencies() implements WalletCall {
    @Override
    public String method() {
      return "ListCurrencies";
    }
  }
}
