package dev.croupier.workflows.session;

/**
 * Running totals of a session, in minor units of the game's currency.
 *
 * @param rounds rounds played and posted
 * @param staked the sum of stakes
 * @param won the sum of fixed wins (the progressive jackpot excluded)
 */
public record SessionTotals(long rounds, long staked, long won) {
  public static final SessionTotals ZERO = new SessionTotals(0, 0, 0);

  SessionTotals plus(long stake, long win) {
    return new SessionTotals(rounds + 1, staked + stake, won + win);
  }
}
