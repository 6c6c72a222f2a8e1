package dev.croupier.wallet.history;

import dev.croupier.wallet.ledger.Reference;
import dev.croupier.wallet.ledger.TransactionKind;
import java.time.Instant;

/** A committed entry, with its transaction's kind and reference. */
public record EntryView(
    long entryId,
    long transactionId,
    int leg,
    long accountId,
    int subAccount,
    String currency,
    long amount,
    long balanceAfter,
    TransactionKind kind,
    Reference reference,
    Instant createdAt) {}
