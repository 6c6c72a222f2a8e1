package dev.croupier.games.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the slot's math: the exact calculation against a brute-force enumeration and a simulation,
 * and the declared values against the exact calculation.
 */
class SlotMathTest {
  private static final SlotMath MATH =
      SlotMath.load("dev/croupier/games/slots/slot-classic-1.0.0.json");
  private static final SlotMath SMALL =
      SlotMath.load("dev/croupier/games/slots/slot-classic-0.0.1.json");

  private static MathReport exact;
  private static SimulationReport simulated;

  @BeforeAll
  static void computeTheMath() {
    exact = ExactMath.compute(MATH);
    simulated = Simulation.run(MATH, MathSheet.SIMULATED_ROUNDS, 2);
  }

  @Test
  void exactRtpIsNinetySixPercent() {
    assertThat(exact.rtp().doubleValue()).isBetween(0.959, 0.961);
    BigDecimal parts = exact.baseLineRtp().add(exact.baseScatterRtp()).add(exact.freeSpinsRtp());
    assertThat(parts.subtract(exact.rtp()).abs()).isLessThan(new BigDecimal("1e-30"));
  }

  @Test
  void declaredMathIsTheExactMathRounded() {
    assertThat(MATH.declared().baseRtp()).isCloseTo(exact.rtp().doubleValue(), within(5e-7));
    assertThat(MATH.declared().hitFrequency())
        .isCloseTo(exact.hitFrequency().doubleValue(), within(5e-7));
    assertThat(MATH.declared().stdDevPerRound())
        .isCloseTo(exact.stdDevPerRound().doubleValue(), within(5e-5));
    assertThat(MATH.declared().jackpotRtp()).isEqualTo(0.01);
  }

  @Test
  void simulatedRtpMatchesTheExactRtpWithinFourStandardErrors() {
    assertThat(simulated.rounds()).isEqualTo(10_000_000);
    assertThat(simulated.rtp())
        .as("sd per round %.4f", simulated.stdDevPerRound())
        .isCloseTo(exact.rtp().doubleValue(), within(MathSheet.Z * simulated.standardError()));
  }

  @Test
  void simulatedHitFrequencyMatchesTheExactOneWithinFourStandardErrors() {
    double p = exact.hitFrequency().doubleValue();
    double sd = Math.sqrt(p * (1 - p) / simulated.rounds());

    assertThat(simulated.hitFrequency()).isCloseTo(p, within(MathSheet.Z * sd));
  }

  @Test
  void measuredStandardDeviationIsCloseToTheExactOne() {
    assertThat(simulated.stdDevPerRound())
        .isCloseTo(exact.stdDevPerRound().doubleValue(), within(0.05 * simulated.stdDevPerRound()));
  }

  @Test
  void prunedEnumerationEqualsBruteForce() {
    SlotEngine engine = new SlotEngine(SMALL);
    ExactMath.Sums brute = new ExactMath.Sums();
    int[] stops = new int[5];
    int[] grid = new int[15];
    int lines = SMALL.lineCount();
    for (int i = 0; i < 8 * 8 * 8 * 8 * 8; i++) {
      for (int r = 0, rest = i; r < 5; r++, rest /= 8) {
        stops[r] = rest % 8;
      }
      engine.fillGrid(stops, grid);
      int scatters = engine.scatterCount(grid);
      long scatterUnits = (long) SMALL.scatterPay(scatters) * lines;
      brute.add(
          engine.spinUnits(grid) - scatterUnits,
          scatterUnits,
          scatters >= SMALL.freeSpinTrigger(),
          engine.jackpotHit(grid));
    }

    assertThat(ExactMath.sums(SMALL).values()).isEqualTo(brute.values());
  }

  @Test
  void freeSpinRecursionAgreesWithWaldAndTheUncappedClosedForm() {
    // Wald: the feature's mean is E[spins] x E[one free spin], multiplier included.
    BigDecimal wald =
        exact
            .expectedFreeSpins()
            .multiply(exact.freeSpinRtp())
            .multiply(BigDecimal.valueOf(MATH.freeSpinMultiplier()))
            .multiply(exact.triggerProbability());
    assertThat(wald.subtract(exact.freeSpinsRtp()).abs()).isLessThan(new BigDecimal("1e-25"));
    // With a cap of 100 spins the uncapped series F / (1 - F p) is all but reached.
    assertThat(exact.expectedFreeSpins().subtract(exact.expectedFreeSpinsUncapped()).abs())
        .isLessThan(new BigDecimal("1e-6"));
  }

  @Test
  void exactMathPredictsAGameWhoseFreeSpinCapBinds() {
    // Retriggers are so likely here (F p > 1) that only the cap keeps the feature finite.
    MathReport small = ExactMath.compute(SMALL);
    SimulationReport sim = Simulation.run(SMALL, 400_000, 2);
    double expectedSpins = small.expectedFreeSpins().doubleValue();
    double spinsPerFeature = (double) sim.freeSpins() / sim.features();

    assertThat(small.expectedFreeSpinsUncapped().signum()).isNegative();
    assertThat(sim.rtp())
        .isCloseTo(small.rtp().doubleValue(), within(MathSheet.Z * sim.standardError()));
    assertThat(spinsPerFeature).isCloseTo(expectedSpins, within(0.02 * expectedSpins));
    assertThat(sim.stdDevPerRound())
        .isCloseTo(small.stdDevPerRound().doubleValue(), within(0.05 * sim.stdDevPerRound()));
  }
}
