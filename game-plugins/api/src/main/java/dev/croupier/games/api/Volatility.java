package dev.croupier.games.api;

/**
 * A coarse label for the standard deviation of one round's return per unit staked, as shown to
 * players. Thresholds: LOW below 3, MEDIUM below 8, HIGH below 15, VERY_HIGH from 15.
 */
public enum Volatility {
  LOW,
  MEDIUM,
  HIGH,
  VERY_HIGH;

  /** The label for a standard deviation per unit staked. */
  public static Volatility of(double stdDevPerUnitStake) {
    if (stdDevPerUnitStake < 3) {
      return LOW;
    }
    if (stdDevPerUnitStake < 8) {
      return MEDIUM;
    }
    return stdDevPerUnitStake < 15 ? HIGH : VERY_HIGH;
  }
}
