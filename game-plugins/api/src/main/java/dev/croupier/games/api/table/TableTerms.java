package dev.croupier.games.api.table;

import java.util.Objects;

/**
 * The platform's side of a table's configuration: what the lobby lists and what the workflow checks
 * before it moves money. The game reads it off its own configuration ({@link
 * dev.croupier.games.api.TableGame#terms}).
 *
 * @param currency the currency of every amount at the table
 * @param seats seats at the table, 2 to 9
 * @param minBuyIn the smallest buy-in, in minor units
 * @param maxBuyIn the largest buy-in or stack after a top-up
 * @param stakes a short label for the lobby, for example the blinds {@code "5/10"}
 */
public record TableTerms(String currency, int seats, long minBuyIn, long maxBuyIn, String stakes) {
  /** The most seats a table may have: the gateway's protocol numbers seats 0 to 8. */
  public static final int MAX_SEATS = 9;

  public TableTerms {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(stakes, "stakes");
    if (seats < 2 || seats > MAX_SEATS) {
      throw new IllegalArgumentException("a table has 2 to " + MAX_SEATS + " seats: " + seats);
    }
    if (minBuyIn < 1 || maxBuyIn < minBuyIn) {
      throw new IllegalArgumentException("need 1 <= minBuyIn <= maxBuyIn");
    }
  }
}
