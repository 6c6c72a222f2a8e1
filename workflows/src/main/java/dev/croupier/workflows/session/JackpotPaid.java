package dev.croupier.workflows.session;

/**
 * The wallet's answer to a {@link JackpotPayout}.
 *
 * @param transactionId the {@code JACKPOT_WIN} transaction, or 0 when nothing was posted (an empty
 *     pool and no reseed)
 * @param amountWon the whole pool as it stood when the payout was applied, in minor units; 0 when
 *     it was empty
 * @param winnerBalance the player's balance right after the payout; 0 when {@code amountWon} is 0
 *     (the player's account was not touched)
 * @param poolBalance the pool's balance right after the payout: the reseed
 * @param replayed whether this is the original result of an earlier payout under the same key
 */
public record JackpotPaid(
    long transactionId, long amountWon, long winnerBalance, long poolBalance, boolean replayed) {
  /** Nothing paid and nothing posted. */
  public static final JackpotPaid NOTHING = new JackpotPaid(0, 0, 0, 0, false);
}
