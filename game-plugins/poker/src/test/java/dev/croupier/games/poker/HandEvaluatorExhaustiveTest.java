package dev.croupier.games.poker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every 5-card and every 7-card hand and checks the category counts against the known
 * combinatorial totals, and the number of distinct values against the number of hand classes.
 */
class HandEvaluatorExhaustiveTest {
  private static final Logger log = LoggerFactory.getLogger(HandEvaluatorExhaustiveTest.class);

  @Test
  void allSevenCardHandsHaveTheKnownCategoryCounts() {
    long started = System.nanoTime();
    // One task per first card; the pool spreads them over the cores. Partial masks are reused
    // from loop to loop, so the innermost loop does one OR and one evaluation.
    Tally[] perFirstCard =
        IntStream.range(0, 46)
            .parallel()
            .mapToObj(HandEvaluatorExhaustiveTest::sevenCardTallyFrom)
            .toArray(Tally[]::new);
    long[] counts = new long[HandCategory.values().length];
    BitSet classes = new BitSet();
    for (Tally partial : perFirstCard) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] += partial.counts[i];
      }
      classes.or(partial.values);
    }
    log.info(
        "7-card counts {} in {} ms",
        Arrays.toString(counts),
        (System.nanoTime() - started) / 1_000_000);

    assertThat(Arrays.stream(counts).sum()).isEqualTo(133_784_560L);
    assertThat(counts[HandCategory.STRAIGHT_FLUSH.ordinal()]).isEqualTo(41_584L);
    assertThat(counts[HandCategory.FOUR_OF_A_KIND.ordinal()]).isEqualTo(224_848L);
    assertThat(counts[HandCategory.FULL_HOUSE.ordinal()]).isEqualTo(3_473_184L);
    assertThat(counts[HandCategory.FLUSH.ordinal()]).isEqualTo(4_047_644L);
    assertThat(counts[HandCategory.STRAIGHT.ordinal()]).isEqualTo(6_180_020L);
    assertThat(counts[HandCategory.THREE_OF_A_KIND.ordinal()]).isEqualTo(6_461_620L);
    assertThat(counts[HandCategory.TWO_PAIR.ordinal()]).isEqualTo(31_433_400L);
    assertThat(counts[HandCategory.ONE_PAIR.ordinal()]).isEqualTo(58_627_800L);
    assertThat(counts[HandCategory.HIGH_CARD.ordinal()]).isEqualTo(23_294_460L);
    // Seven cards make 4,824 distinct best hands: each must get its own value.
    assertThat(classes.cardinality()).isEqualTo(4_824);
  }

  private record Tally(long[] counts, BitSet values) {}

  private static Tally sevenCardTallyFrom(int a) {
    long[] counts = new long[HandCategory.values().length];
    boolean[] seen = new boolean[HandCategory.values().length << 20];
    long ma = HandEvaluator.bit(a);
    for (int b = a + 1; b < 47; b++) {
      long mb = ma | HandEvaluator.bit(b);
      for (int c = b + 1; c < 48; c++) {
        long mc = mb | HandEvaluator.bit(c);
        for (int d = c + 1; d < 49; d++) {
          long md = mc | HandEvaluator.bit(d);
          for (int e = d + 1; e < 50; e++) {
            long me = md | HandEvaluator.bit(e);
            for (int f = e + 1; f < 51; f++) {
              long mf = me | HandEvaluator.bit(f);
              for (int g = f + 1; g < 52; g++) {
                int value = HandEvaluator.evaluate(mf | HandEvaluator.bit(g));
                counts[value >>> 20]++;
                seen[value] = true;
              }
            }
          }
        }
      }
    }
    BitSet values = new BitSet();
    for (int v = 0; v < seen.length; v++) {
      if (seen[v]) {
        values.set(v);
      }
    }
    return new Tally(counts, values);
  }

  @Test
  void allFiveCardHandsHaveTheKnownCountsAnd7462Classes() {
    long[] counts = new long[HandCategory.values().length];
    BitSet values = new BitSet();
    for (int a = 0; a < 48; a++) {
      for (int b = a + 1; b < 49; b++) {
        for (int c = b + 1; c < 50; c++) {
          for (int d = c + 1; d < 51; d++) {
            for (int e = d + 1; e < 52; e++) {
              int value = HandEvaluator.evaluate(HandEvaluator.mask(a, b, c, d, e));
              counts[HandEvaluator.category(value).ordinal()]++;
              values.set(value);
            }
          }
        }
      }
    }
    assertThat(counts)
        .containsExactly(1_302_540, 1_098_240, 123_552, 54_912, 10_200, 5_108, 3_744, 624, 40);
    // Every distinct five-card hand class gets its own value, and no two classes share one.
    assertThat(values.cardinality()).isEqualTo(7_462);
  }
}
