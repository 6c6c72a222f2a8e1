package dev.croupier.games.api;

/**
 * The declared, certified math of one game version. Values are fractions of the amount staked (0.96
 * means 96%), not money, so they are doubles. A plugin's tests prove them against an exact
 * computation or, at least, a simulation.
 *
 * @param baseRtp expected fixed payouts per unit staked, features included, progressive jackpot
 *     excluded
 * @param jackpotRtp the share of each stake fed to the progressive pool, which the pool returns to
 *     players over its life; 0 for games without a jackpot
 * @param hitFrequency probability that a round returns anything
 * @param stdDevPerRound standard deviation of one round's return per unit staked
 * @param volatility the player-facing label for {@code stdDevPerRound}
 */
public record MathProfile(
    double baseRtp,
    double jackpotRtp,
    double hitFrequency,
    double stdDevPerRound,
    Volatility volatility) {

  public MathProfile {
    requireFraction(baseRtp, "baseRtp");
    requireFraction(jackpotRtp, "jackpotRtp");
    requireFraction(hitFrequency, "hitFrequency");
    if (!(stdDevPerRound >= 0) || volatility == null) {
      throw new IllegalArgumentException("stdDevPerRound must be >= 0 and volatility set");
    }
  }

  /** The RTP players are told: fixed payouts plus what the jackpot pool gives back. */
  public double totalRtp() {
    return baseRtp + jackpotRtp;
  }

  private static void requireFraction(double value, String name) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
    }
  }
}
