package dev.croupier.games.slots;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The slot's exact math. The base spin is enumerated over every combination of reel stops (the
 * product of the strip lengths, each equally likely) with the engine's own line evaluation; lines
 * whose first three cells cannot start a run are skipped, which changes no sum. The free-spin
 * feature, with retriggers up to its cap, is solved by an exact recursion over (spins left, spins
 * awarded) for the first and second moments of its win; by Wald's identity its mean equals the
 * expected number of spins times the mean free spin. Sums are exact integers; the final ratios are
 * computed to 34 significant digits.
 */
final class ExactMath {
  private static final MathContext MC = MathContext.DECIMAL128;

  private ExactMath() {}

  static MathReport compute(SlotMath math) {
    return report(math, sums(math));
  }

  /** The exact integer sums of one spin over every stop combination. */
  static Sums sums(SlotMath math) {
    SlotEngine engine = new SlotEngine(math);
    return IntStream.range(0, math.reelLength(0))
        .parallel()
        .mapToObj(i0 -> enumerate(engine, i0))
        .reduce(new Sums(), Sums::plus);
  }

  // All combinations whose first reel stops at i0.
  private static Sums enumerate(SlotEngine engine, int i0) {
    SlotMath math = engine.math();
    int lines = math.lineCount();
    int[] stops = new int[SlotMath.REELS];
    int[] grid = new int[SlotMath.REELS * SlotMath.ROWS];
    int[] alive = new int[lines];
    int[] scatterUnits = new int[SlotMath.REELS * SlotMath.ROWS + 1];
    for (int count = 1; count <= SlotMath.REELS; count++) {
      scatterUnits[count] = math.scatterPay(count) * lines;
    }
    Sums sums = new Sums();
    stops[0] = i0;
    for (int i1 = 0; i1 < math.reelLength(1); i1++) {
      stops[1] = i1;
      for (int i2 = 0; i2 < math.reelLength(2); i2++) {
        stops[2] = i2;
        engine.fillGrid(stops, grid);
        int aliveCount = 0;
        for (int l = 0; l < lines; l++) {
          if (engine.canPay(grid, l)) {
            alive[aliveCount++] = l;
          }
        }
        for (int i3 = 0; i3 < math.reelLength(3); i3++) {
          stops[3] = i3;
          for (int i4 = 0; i4 < math.reelLength(4); i4++) {
            stops[4] = i4;
            engine.fillGrid(stops, grid);
            long lineUnits = 0;
            boolean jackpot = false;
            for (int k = 0; k < aliveCount; k++) {
              lineUnits += engine.evaluateLine(grid, alive[k]) >>> 16;
              jackpot |= engine.lineJackpot(grid, alive[k]);
            }
            int scatters = engine.scatterCount(grid);
            sums.add(
                lineUnits, scatterUnits[scatters], scatters >= math.freeSpinTrigger(), jackpot);
          }
        }
      }
    }
    return sums;
  }

  static MathReport report(SlotMath math, Sums s) {
    BigDecimal n = BigDecimal.valueOf(s.combinations);
    BigDecimal lines = BigDecimal.valueOf(math.lineCount());
    BigDecimal m = BigDecimal.valueOf(math.freeSpinMultiplier());

    BigDecimal p = div(s.triggers, n);
    BigDecimal meanTriggered = div(s.sumTriggered, n);
    BigDecimal meanNotTriggered = div(s.sumNotTriggered, n);
    BigDecimal meanSquare = div(s.sumSquares, n);

    // One free spin: X = m * U, with U the spin's win and t whether it retriggers.
    FreeSpins feature =
        new FreeSpins(
            math.freeSpinsAwarded(),
            math.maxFreeSpins(),
            p,
            m.multiply(meanTriggered, MC),
            m.multiply(meanNotTriggered, MC),
            m.multiply(m, MC).multiply(meanSquare, MC));
    FreeSpins.Moments f = feature.solve();

    // A round: R = B + 1{base spin triggers} * T, with T the feature's win.
    BigDecimal meanBase = meanTriggered.add(meanNotTriggered, MC);
    BigDecimal meanRound = meanBase.add(p.multiply(f.mean(), MC), MC);
    BigDecimal secondMoment =
        meanSquare
            .add(BigDecimal.TWO.multiply(meanTriggered, MC).multiply(f.mean(), MC), MC)
            .add(p.multiply(f.secondMoment(), MC), MC);
    BigDecimal variance = secondMoment.subtract(meanRound.multiply(meanRound, MC), MC);
    BigDecimal sd = variance.sqrt(MC).divide(lines, MC);

    BigDecimal uncappedSpins =
        BigDecimal.valueOf(math.freeSpinsAwarded())
            .divide(
                BigDecimal.ONE.subtract(
                    BigDecimal.valueOf(math.freeSpinsAwarded()).multiply(p, MC), MC),
                MC);

    return new MathReport(
        s.combinations,
        s.hits,
        s.jackpots,
        s.triggers,
        s.maxUnits,
        div(s.lineSum, n).divide(lines, MC),
        div(s.scatterSum, n).divide(lines, MC),
        p.multiply(f.mean(), MC).divide(lines, MC),
        meanRound.divide(lines, MC),
        div(s.hits, n),
        div(s.jackpots, n),
        p,
        f.expectedSpins(),
        uncappedSpins,
        f.mean().divide(m, MC).divide(f.expectedSpins(), MC).divide(lines, MC),
        sd);
  }

  private static BigDecimal div(long a, BigDecimal b) {
    return BigDecimal.valueOf(a).divide(b, MC);
  }

  /** Exact integer sums over all stop combinations, in line-bet units. */
  static final class Sums {
    long combinations;
    long hits;
    long jackpots;
    long triggers;
    long lineSum;
    long scatterSum;
    long sumTriggered;
    long sumNotTriggered;
    long sumSquares;
    long maxUnits;

    void add(long lineUnits, long scatterUnits, boolean triggered, boolean jackpot) {
      long units = lineUnits + scatterUnits;
      combinations++;
      if (units > 0 || jackpot) {
        hits++;
      }
      if (jackpot) {
        jackpots++;
      }
      lineSum += lineUnits;
      scatterSum += scatterUnits;
      if (triggered) {
        triggers++;
        sumTriggered += units;
      } else {
        sumNotTriggered += units;
      }
      sumSquares = Math.addExact(sumSquares, units * units);
      maxUnits = Math.max(maxUnits, units);
    }

    /** Every sum, in declaration order, for comparing two enumerations. */
    List<Long> values() {
      return List.of(
          combinations,
          hits,
          jackpots,
          triggers,
          lineSum,
          scatterSum,
          sumTriggered,
          sumNotTriggered,
          sumSquares,
          maxUnits);
    }

    Sums plus(Sums o) {
      Sums r = new Sums();
      r.combinations = combinations + o.combinations;
      r.hits = hits + o.hits;
      r.jackpots = jackpots + o.jackpots;
      r.triggers = triggers + o.triggers;
      r.lineSum = lineSum + o.lineSum;
      r.scatterSum = scatterSum + o.scatterSum;
      r.sumTriggered = sumTriggered + o.sumTriggered;
      r.sumNotTriggered = sumNotTriggered + o.sumNotTriggered;
      r.sumSquares = Math.addExact(sumSquares, o.sumSquares);
      r.maxUnits = Math.max(maxUnits, o.maxUnits);
      return r;
    }
  }

  /**
   * The feature's win T(r, a) from r spins left with a spins awarded so far. Each spin wins X and
   * retriggers with probability p, which adds min(F, cap - a) spins:
   *
   * <pre>
   * E[T(r,a)]   = E[X] + p E[T(r-1+k, a+k)] + (1-p) E[T(r-1, a)]
   * E[T(r,a)^2] = E[X^2] + 2 (E[X;t] E[T(r-1+k, a+k)] + E[X;not t] E[T(r-1, a)])
   *             + p E[T(r-1+k, a+k)^2] + (1-p) E[T(r-1, a)^2]
   * </pre>
   *
   * with T(0, a) = 0, since the later spins are independent of the current one given whether it
   * retriggered.
   */
  record FreeSpins(
      int awarded,
      int cap,
      BigDecimal p,
      BigDecimal meanIfTriggered,
      BigDecimal meanIfNotTriggered,
      BigDecimal meanSquare) {

    record Moments(BigDecimal mean, BigDecimal secondMoment, BigDecimal expectedSpins) {}

    Moments solve() {
      Moments[][] memo = new Moments[cap + 1][cap + 1];
      return at(awarded, awarded, memo);
    }

    private Moments at(int left, int given, Moments[][] memo) {
      if (left == 0) {
        return new Moments(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
      }
      if (memo[left][given] != null) {
        return memo[left][given];
      }
      int more = Math.min(awarded, cap - given);
      Moments t = at(left - 1 + more, given + more, memo);
      Moments n = at(left - 1, given, memo);
      BigDecimal q = BigDecimal.ONE.subtract(p, MC);
      BigDecimal mean =
          meanIfTriggered
              .add(meanIfNotTriggered, MC)
              .add(p.multiply(t.mean(), MC), MC)
              .add(q.multiply(n.mean(), MC), MC);
      BigDecimal cross =
          meanIfTriggered.multiply(t.mean(), MC).add(meanIfNotTriggered.multiply(n.mean(), MC), MC);
      BigDecimal second =
          meanSquare
              .add(BigDecimal.TWO.multiply(cross, MC), MC)
              .add(p.multiply(t.secondMoment(), MC), MC)
              .add(q.multiply(n.secondMoment(), MC), MC);
      BigDecimal spins =
          BigDecimal.ONE
              .add(p.multiply(t.expectedSpins(), MC), MC)
              .add(q.multiply(n.expectedSpins(), MC), MC);
      Moments result = new Moments(mean, second, spins);
      memo[left][given] = result;
      return result;
    }
  }
}
