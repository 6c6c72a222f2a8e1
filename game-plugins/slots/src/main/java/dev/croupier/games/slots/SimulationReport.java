package dev.croupier.games.slots;

/**
 * The sums of a simulation, in line-bet units, and the statistics derived from them per unit of
 * total bet.
 */
record SimulationReport(
    long rounds,
    int lines,
    long sumUnits,
    long sumSquares,
    long hits,
    long jackpots,
    long features,
    long freeSpins,
    long maxUnits) {

  static SimulationReport empty(int lines) {
    return new SimulationReport(0, lines, 0, 0, 0, 0, 0, 0, 0);
  }

  SimulationReport plus(SimulationReport o) {
    return new SimulationReport(
        rounds + o.rounds,
        lines,
        sumUnits + o.sumUnits,
        Math.addExact(sumSquares, o.sumSquares),
        hits + o.hits,
        jackpots + o.jackpots,
        features + o.features,
        freeSpins + o.freeSpins,
        Math.max(maxUnits, o.maxUnits));
  }

  /** Fixed payouts per unit staked. */
  double rtp() {
    return (double) sumUnits / rounds / lines;
  }

  /** The measured standard deviation of one round's return per unit staked. */
  double stdDevPerRound() {
    double meanSquare = (double) sumSquares / rounds / ((double) lines * lines);
    return Math.sqrt(meanSquare - rtp() * rtp());
  }

  /** The standard error of {@link #rtp()}. */
  double standardError() {
    return stdDevPerRound() / Math.sqrt(rounds);
  }

  double hitFrequency() {
    return (double) hits / rounds;
  }
}
