package dev.croupier.games.api.table;

/**
 * One seat as the platform sees it. While a round runs, {@code stack} is what the player has
 * behind, not counting chips already committed to the round.
 *
 * @param index the seat number, from 0
 * @param playerId the player, or null when the seat is empty
 * @param stack chips behind, in minor units of the table's currency
 * @param status empty, playing or sitting out
 * @param consecutiveTimeouts moves in a row this seat let the action clock make; any own move
 *     resets it
 * @param leaving the player left during a round they are still in; the seat is cashed out and
 *     emptied when the round ends
 */
public record SeatFacts(
    int index,
    String playerId,
    long stack,
    SeatStatus status,
    int consecutiveTimeouts,
    boolean leaving) {

  /** Whether a player holds this seat. */
  public boolean occupied() {
    return status != SeatStatus.EMPTY;
  }

  /** Whether the seat will be dealt into the next round: playing, with chips, and staying. */
  public boolean readyToPlay() {
    return status == SeatStatus.PLAYING && stack > 0 && !leaving;
  }
}
