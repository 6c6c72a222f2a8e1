package dev.croupier.realtime.leaderboard;

import java.util.Arrays;
import java.util.Optional;

/**
 * A leaderboard, computed from {@code wallet.entries} entries of PLAYER accounts (REVERSALs and
 * every other kind leave the boards alone):
 *
 * <ul>
 *   <li>{@link #BIGGEST_WIN}: the largest single credit to the player in a transaction of kind WIN,
 *       BET_AND_WIN or JACKPOT_WIN. A round posts its win as one credit leg, so this is the biggest
 *       win of one round (a jackpot payout counts as its own win). The stake is not subtracted.
 *   <li>{@link #TOTAL_WAGERED}: the sum of the player's debits in transactions of kind BET or
 *       BET_AND_WIN: the stakes.
 * </ul>
 */
public enum Board {
  BIGGEST_WIN("biggest-win"),
  TOTAL_WAGERED("total-wagered");

  private final String id;

  Board(String id) {
    this.id = id;
  }

  /** The name on the wire and in the database. */
  public String id() {
    return id;
  }

  public static Optional<Board> of(String id) {
    return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
  }
}
