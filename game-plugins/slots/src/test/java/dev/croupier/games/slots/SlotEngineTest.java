package dev.croupier.games.slots;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.games.rng.FairRng;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotEngineTest {
  private static final SlotMath MATH =
      SlotMath.load("dev/croupier/games/slots/slot-classic-1.0.0.json");
  private static final SlotEngine ENGINE = new SlotEngine(MATH);
  private static final String SEED = "7f".repeat(32);

  /** A grid whose middle row (payline 1) shows the given symbols and whose other rows are blank. */
  private static int[] middleRow(String... symbols) {
    int blank = MATH.symbols().indexOf("LEMON");
    int[] grid = new int[15];
    for (int r = 0; r < 5; r++) {
      // Alternate fillers so that the top and bottom rows never form a run.
      grid[r * 3] = r % 2 == 0 ? blank : MATH.symbols().indexOf("PLUM");
      grid[r * 3 + 2] =
          r % 2 == 0 ? MATH.symbols().indexOf("ORANGE") : MATH.symbols().indexOf("BELL");
      grid[r * 3 + 1] = MATH.symbols().indexOf(symbols[r]);
    }
    return grid;
  }

  private static int pay(int[] grid) {
    return (int) (ENGINE.evaluateLine(grid, 0) >>> 16);
  }

  @Test
  void runsFromTheLeftPayByTheirLength() {
    assertThat(pay(middleRow("SEVEN", "SEVEN", "SEVEN", "BAR", "BAR"))).isEqualTo(40);
    assertThat(pay(middleRow("SEVEN", "SEVEN", "SEVEN", "SEVEN", "BAR"))).isEqualTo(150);
    assertThat(pay(middleRow("SEVEN", "SEVEN", "SEVEN", "SEVEN", "SEVEN"))).isEqualTo(800);
    assertThat(pay(middleRow("SEVEN", "SEVEN", "BAR", "SEVEN", "SEVEN"))).isZero();
    assertThat(pay(middleRow("BAR", "SEVEN", "SEVEN", "SEVEN", "SEVEN"))).isZero();
  }

  @Test
  void wildSubstitutesForRegularSymbols() {
    assertThat(pay(middleRow("SEVEN", "WILD", "SEVEN", "WILD", "BAR"))).isEqualTo(150);
    assertThat(pay(middleRow("WILD", "BAR", "BAR", "BAR", "BAR"))).isEqualTo(400);
  }

  @Test
  void leadingWildsPayOnTheirOwnWhenThatPaysMore() {
    // Three wilds (50) beat four cherries (15).
    assertThat(pay(middleRow("WILD", "WILD", "WILD", "CHERRY", "BAR"))).isEqualTo(50);
    // Four sevens (150) beat two wilds (0).
    assertThat(pay(middleRow("WILD", "WILD", "SEVEN", "SEVEN", "BAR"))).isEqualTo(150);
    assertThat(pay(middleRow("WILD", "WILD", "WILD", "WILD", "WILD"))).isEqualTo(2500);
  }

  @Test
  void scatterAndJackpotSymbolsEndARun() {
    assertThat(pay(middleRow("SEVEN", "SEVEN", "STAR", "SEVEN", "SEVEN"))).isZero();
    assertThat(pay(middleRow("WILD", "WILD", "WILD", "CROWN", "SEVEN"))).isEqualTo(50);
    assertThat(pay(middleRow("CROWN", "WILD", "CROWN", "CROWN", "CROWN"))).isZero();
  }

  @Test
  void fiveJackpotSymbolsOnALineHitTheJackpotAndWildsDoNotHelp() {
    assertThat(ENGINE.jackpotHit(middleRow("CROWN", "CROWN", "CROWN", "CROWN", "CROWN"))).isTrue();
    assertThat(ENGINE.jackpotHit(middleRow("CROWN", "CROWN", "WILD", "CROWN", "CROWN"))).isFalse();
    assertThat(ENGINE.jackpotHit(middleRow("CROWN", "CROWN", "CROWN", "CROWN", "SEVEN"))).isFalse();
  }

  @Test
  void scattersPayAnywhereInMultiplesOfTheTotalBet() {
    int[] grid = middleRow("SEVEN", "BAR", "BELL", "PLUM", "CHERRY");
    int star = MATH.symbols().indexOf("STAR");
    grid[0] = star;
    grid[5] = star;
    grid[7] = star;

    assertThat(ENGINE.scatterCount(grid)).isEqualTo(3);
    // 2 x the total bet of 20 line bets.
    assertThat(ENGINE.spinUnits(grid)).isEqualTo(40);
  }

  @Test
  void fastPathAndDetailedPathPlayTheSameRounds() {
    SlotEngine.Tally tally = new SlotEngine.Tally();
    int features = 0;
    for (long nonce = 1; nonce <= 20_000; nonce++) {
      FairRng fast = FairRng.forRound(SEED, "engine", nonce);
      FairRng detailed = FairRng.forRound(SEED, "engine", nonce);
      ENGINE.play(fast::nextInt, tally);
      SlotEngine.Round round = ENGINE.playDetailed(detailed::nextInt);

      assertThat(round.units()).isEqualTo(tally.units);
      assertThat(round.jackpot()).isEqualTo(tally.jackpot);
      assertThat(round.spins()).hasSize(1 + tally.freeSpins);
      assertThat(round.spins().stream().mapToLong(SlotEngine.Spin::units).sum())
          .isEqualTo(round.units());
      features += tally.triggered ? 1 : 0;
    }
    assertThat(features).isPositive();
  }

  @Test
  void freeSpinsUseTheMultiplierAndStopAtTheCap() {
    SlotMath small = SlotMath.load("dev/croupier/games/slots/slot-classic-0.0.1.json");
    SlotEngine engine = new SlotEngine(small);
    int capped = 0;
    for (long nonce = 1; nonce <= 2_000; nonce++) {
      SlotEngine.Round round = engine.playDetailed(FairRng.forRound(SEED, "cap", nonce)::nextInt);
      List<SlotEngine.Spin> free = round.spins().subList(1, round.spins().size());
      int awarded = round.spins().stream().mapToInt(SlotEngine.Spin::freeSpinsAwarded).sum();

      assertThat(free).hasSize(awarded).allMatch(s -> s.multiplier() == 2 && !s.jackpot());
      assertThat(awarded).isLessThanOrEqualTo(small.maxFreeSpins());
      capped += awarded == small.maxFreeSpins() ? 1 : 0;
    }
    assertThat(capped).isPositive();
  }
}
