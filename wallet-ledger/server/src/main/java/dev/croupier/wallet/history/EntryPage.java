package dev.croupier.wallet.history;

import java.util.List;
import java.util.OptionalLong;

/** One page of entries and the cursor to the next one, empty on the last page. */
public record EntryPage(List<EntryView> entries, OptionalLong nextAfterEntryId) {}
