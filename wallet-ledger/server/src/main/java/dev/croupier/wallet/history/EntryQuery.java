package dev.croupier.wallet.history;

import dev.croupier.wallet.ledger.Reference;
import java.time.Instant;
import java.util.Optional;

/**
 * A page request for entries, in ascending entry ID.
 *
 * @param accountId 0 for any account
 * @param from inclusive lower bound on the entry time
 * @param to exclusive upper bound on the entry time
 * @param reference non-empty fields must match
 * @param afterEntryId the cursor: entries with a greater ID; 0 for the first page
 */
public record EntryQuery(
    long accountId,
    Optional<Instant> from,
    Optional<Instant> to,
    Reference reference,
    int pageSize,
    long afterEntryId) {}
