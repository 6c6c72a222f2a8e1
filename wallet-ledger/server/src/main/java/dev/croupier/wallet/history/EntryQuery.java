package dev.croupier.wallet.history;

import dev.croupier.wallet.ledger.Reference;
import java.time.Instant;
import java.util.Optional;

/**
 * A page request for entries, in ascending entry ID, or descending when {@code newestFirst}.
 *
 * @param accountId 0 for any account
 * @param from inclusive lower bound on the entry time
 * @param to exclusive upper bound on the entry time
 * @param reference non-empty fields must match
 * @param afterEntryId the cursor: entries with a greater ID (a smaller one when {@code
 *     newestFirst}); 0 for the first page
 * @param newestFirst descending entry ID
 */
public record EntryQuery(
    long accountId,
    Optional<Instant> from,
    Optional<Instant> to,
    Reference reference,
    int pageSize,
    long afterEntryId,
    boolean newestFirst) {}
