package dev.croupier.games.api.table;

import java.util.Objects;

/**
 * Chips that leave the table in an engine step, which the table workflow posts to the ledger in the
 * order the step lists them: from the table's escrow to the house ({@link Rake}) or to a player
 * ({@link CashOut}). Buy-ins are not here: the workflow posts them before the step that seats the
 * player.
 */
public sealed interface Settlement {
  /** Minor units, above zero. */
  long amount();

  /**
   * The house's share of a round.
   *
   * @param round the round raked; the rake's idempotency key derives from it
   */
  record Rake(long round, long amount) implements Settlement {
    public Rake {
      if (amount <= 0) {
        throw new IllegalArgumentException("rake must be above zero");
      }
    }
  }

  /**
   * A player's stack going back to their wallet when they leave.
   *
   * @param seat the seat they left
   * @param playerId the player
   */
  record CashOut(int seat, String playerId, long amount) implements Settlement {
    public CashOut {
      Objects.requireNonNull(playerId, "playerId");
      if (amount <= 0) {
        throw new IllegalArgumentException("a cash-out must be above zero");
      }
    }
  }
}
