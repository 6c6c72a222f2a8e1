package dev.croupier.games.poker;

import dev.croupier.games.api.table.SeatStatus;

/**
 * One seat. While a hand runs, {@link #stack} is what the player has behind, not counting chips
 * already bet in the hand.
 *
 * @param index the seat number, from 0, clockwise
 * @param playerId the player, or null when the seat is empty
 * @param stack chips behind, in minor units
 * @param status empty, playing or sitting out
 * @param consecutiveTimeouts actions in a row this seat let the clock take; any own action resets
 *     it, so the workflow can sit the player out after N
 * @param leaving the player left during a hand they are still in (all-in); the seat is cashed out
 *     and emptied when the hand ends
 */
public record Seat(
    int index,
    String playerId,
    long stack,
    SeatStatus status,
    int consecutiveTimeouts,
    boolean leaving) {

  /** An empty seat. */
  public static Seat empty(int index) {
    return new Seat(index, null, 0, SeatStatus.EMPTY, 0, false);
  }

  /** Whether a player holds this seat. */
  public boolean occupied() {
    return status != SeatStatus.EMPTY;
  }
}
