package dev.croupier.games.poker;

import java.util.Objects;

/**
 * The stakes and limits of one table, fixed for its life. Amounts are minor units of {@code
 * currency}.
 *
 * @param currency the table's currency, for example {@code COIN}
 * @param seatCount seats at the table, 2 to 9
 * @param smallBlind the small blind, at least 1
 * @param bigBlind the big blind, at least the small blind; also the minimum bet
 * @param minBuyIn the smallest stack a player may sit down with
 * @param maxBuyIn the largest stack a player may sit down with or top up to
 * @param rakeBps the house's share of each pot in basis points (500 = 5%), 0 for none
 * @param rakeCap the most rake taken from one hand, in minor units
 */
public record TableConfig(
    String currency,
    int seatCount,
    long smallBlind,
    long bigBlind,
    long minBuyIn,
    long maxBuyIn,
    int rakeBps,
    long rakeCap) {

  public TableConfig {
    Objects.requireNonNull(currency, "currency");
    if (seatCount < 2 || seatCount > 9) {
      throw new IllegalArgumentException("a table has 2 to 9 seats: " + seatCount);
    }
    if (smallBlind < 1 || bigBlind < smallBlind) {
      throw new IllegalArgumentException("need 1 <= smallBlind <= bigBlind");
    }
    if (minBuyIn < bigBlind || maxBuyIn < minBuyIn) {
      throw new IllegalArgumentException("need bigBlind <= minBuyIn <= maxBuyIn");
    }
    if (rakeBps < 0 || rakeBps > 10_000 || rakeCap < 0) {
      throw new IllegalArgumentException("rakeBps must be in [0, 10000] and rakeCap >= 0");
    }
  }
}
