package dev.croupier.games.api;

import java.util.Objects;

/**
 * A money movement a plugin asks the workflow to make. Amounts are positive minor units; the
 * direction follows from the kind.
 *
 * @param kind what the money is for
 * @param amount minor units, always {@code > 0} (zero movements are left out)
 * @param currency the game's currency
 */
public record Posting(PostingKind kind, long amount, String currency) {
  public Posting {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(currency, "currency");
    if (amount <= 0) {
      throw new IllegalArgumentException("posting amount must be > 0: " + amount);
    }
  }
}
