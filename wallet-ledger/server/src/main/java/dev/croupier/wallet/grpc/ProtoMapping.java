package dev.croupier.wallet.grpc;

import com.google.protobuf.Timestamp;
import dev.croupier.api.wallet.v1.Account;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Balance;
import dev.croupier.api.wallet.v1.Entry;
import dev.croupier.api.wallet.v1.PayJackpotResponse;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.PostedBalance;
import dev.croupier.api.wallet.v1.Reference;
import dev.croupier.api.wallet.v1.Transaction;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.accounts.AccountBalance;
import dev.croupier.wallet.history.EntryView;
import dev.croupier.wallet.history.TransactionView;
import dev.croupier.wallet.jackpot.JackpotPayouts;
import dev.croupier.wallet.ledger.LedgerException;
import dev.croupier.wallet.posting.Leg;
import dev.croupier.wallet.posting.PostRequest;
import dev.croupier.wallet.posting.PostResult;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Protobuf to domain and back. Proto messages stop here. */
final class ProtoMapping {
  private ProtoMapping() {}

  static PostRequest request(PostTransactionRequest r) {
    return new PostRequest(
        r.getIdempotencyKey(),
        kind(r.getKind()),
        r.getLegsList().stream()
            .map(l -> new Leg(l.getAccountId(), l.getCurrency(), l.getAmount()))
            .toList(),
        reference(r.getReference()),
        r.getMetadataMap());
  }

  static dev.croupier.wallet.ledger.TransactionKind kind(TransactionKind k) {
    if (k == TransactionKind.TRANSACTION_KIND_UNSPECIFIED || k == TransactionKind.UNRECOGNIZED) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, "no transaction kind");
    }
    return dev.croupier.wallet.ledger.TransactionKind.valueOf(k.name());
  }

  static TransactionKind kind(dev.croupier.wallet.ledger.TransactionKind k) {
    return TransactionKind.valueOf(k.name());
  }

  static dev.croupier.wallet.ledger.AccountType type(AccountType t) {
    if (t == AccountType.ACCOUNT_TYPE_UNSPECIFIED || t == AccountType.UNRECOGNIZED) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, "no account type");
    }
    return dev.croupier.wallet.ledger.AccountType.valueOf(t.name());
  }

  static AccountType type(dev.croupier.wallet.ledger.AccountType t) {
    return AccountType.valueOf(t.name());
  }

  static Optional<UUID> owner(String owner) {
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(owner));
    } catch (IllegalArgumentException e) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, "owner_id is not a UUID");
    }
  }

  static dev.croupier.wallet.ledger.Reference reference(Reference r) {
    return new dev.croupier.wallet.ledger.Reference(r.getSessionId(), r.getRound(), r.getTableId());
  }

  static Reference reference(dev.croupier.wallet.ledger.Reference r) {
    return Reference.newBuilder()
        .setSessionId(r.sessionId())
        .setRound(r.round())
        .setTableId(r.tableId())
        .build();
  }

  static PostTransactionResponse response(PostResult r) {
    PostTransactionResponse.Builder b =
        PostTransactionResponse.newBuilder()
            .setTransactionId(r.transactionId())
            .setReplayed(r.replayed())
            .setCreatedAt(timestamp(r.createdAt()));
    for (var pb : r.balances()) {
      b.addBalances(
          PostedBalance.newBuilder()
              .setAccountId(pb.accountId())
              .setCurrency(pb.currency())
              .setSubAccount(pb.subAccount())
              .setBalance(pb.balance()));
    }
    return b.build();
  }

  static PayJackpotResponse paid(JackpotPayouts.Paid p) {
    return PayJackpotResponse.newBuilder()
        .setTransactionId(p.transactionId())
        .setAmountWon(p.amountWon())
        .setWinnerBalance(p.winnerBalance())
        .setPoolBalance(p.poolBalance())
        .setPoolAccountId(p.poolAccountId())
        .setReplayed(p.replayed())
        .setCreatedAt(timestamp(p.createdAt()))
        .build();
  }

  static Account account(dev.croupier.wallet.accounts.Account a) {
    return Account.newBuilder()
        .setAccountId(a.id())
        .setOwnerId(a.owner().map(UUID::toString).orElse(""))
        .setCurrency(a.currency())
        .setType(type(a.type()))
        .setSubAccounts(a.subAccounts())
        .setAllowNegative(a.allowNegative())
        .build();
  }

  static Balance balance(AccountBalance b) {
    return Balance.newBuilder()
        .setAccountId(b.accountId())
        .setCurrency(b.currency())
        .setBalance(b.balance())
        .setType(type(b.type()))
        .setOwnerId(b.owner().map(java.util.UUID::toString).orElse(""))
        .build();
  }

  static Entry entry(EntryView e) {
    return Entry.newBuilder()
        .setEntryId(e.entryId())
        .setTransactionId(e.transactionId())
        .setAccountId(e.accountId())
        .setSubAccount(e.subAccount())
        .setCurrency(e.currency())
        .setAmount(e.amount())
        .setBalanceAfter(e.balanceAfter())
        .setKind(kind(e.kind()))
        .setReference(reference(e.reference()))
        .setCreatedAt(timestamp(e.createdAt()))
        .build();
  }

  static Transaction transaction(TransactionView t) {
    Transaction.Builder b =
        Transaction.newBuilder()
            .setTransactionId(t.id())
            .setIdempotencyKey(t.idempotencyKey())
            .setKind(kind(t.kind()))
            .setReference(reference(t.reference()))
            .putAllMetadata(t.metadata())
            .setReversesTransactionId(t.reversesTransactionId())
            .setCreatedAt(timestamp(t.createdAt()));
    t.entries().forEach(e -> b.addEntries(entry(e)));
    return b.build();
  }

  static Timestamp timestamp(Instant i) {
    return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
  }

  static Optional<Instant> instant(boolean present, Timestamp t) {
    return present
        ? Optional.of(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()))
        : Optional.empty();
  }
}
