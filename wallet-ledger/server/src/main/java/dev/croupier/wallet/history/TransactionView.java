package dev.croupier.wallet.history;

import dev.croupier.wallet.ledger.Reference;
import dev.croupier.wallet.ledger.TransactionKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A committed transaction and its entries in leg order. */
public record TransactionView(
    long id,
    String idempotencyKey,
    TransactionKind kind,
    Reference reference,
    Map<String, String> metadata,
    long reversesTransactionId,
    Instant createdAt,
    List<EntryView> entries) {}
