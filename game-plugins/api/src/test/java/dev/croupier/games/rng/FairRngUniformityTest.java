package dev.croupier.games.rng;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Chi-square tests of uniformity over 10 million draws per range, with fixed seeds so that the
 * result is reproducible. The same harness shows that plain modulo fails on ranges where its bias
 * is large enough for 10 million draws to resolve; on small ranges modulo's bias (at most {@code n
 * / 2^32}) is far below that, which is why the biased cases use large ranges. The results are
 * written to {@code target/rng-uniformity.md}.
 */
class FairRngUniformityTest {
  private static final int DRAWS = 10_000_000;
  private static final String SERVER_SEED =
      "0c3f6d1e8a2b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5";
  private static final List<String> RESULTS = new ArrayList<>();

  @ParameterizedTest(name = "range {0} in {1} bins")
  @CsvSource({
    "2, 2",
    "3, 3",
    "7, 7",
    "10, 10",
    "37, 37",
    "52, 52",
    "1000, 1000",
    "1000000007, 1000",
    "3221225472, 1024"
  })
  void rejectionSampledDrawsAreUniform(long range, int bins) {
    FairRng rng = FairRng.forRound(SERVER_SEED, "uniformity", range % 1_000_000 + 1);
    double p = test("rejection sampling", range, bins, () -> rng.nextLong(range));

    assertThat(p).isBetween(1e-4, 1 - 1e-4);
  }

  @ParameterizedTest(name = "range {0} in {1} bins")
  @CsvSource({"1000000007, 1000", "3221225472, 1024"})
  void plainModuloIsBiasedAndTheSameTestCatchesIt(long range, int bins) {
    FairRng rng = FairRng.forRound(SERVER_SEED, "uniformity", range % 1_000_000 + 1);
    double p = test("plain modulo (biased)", range, bins, () -> rng.nextRaw() % range);

    assertThat(p).isLessThan(1e-6);
  }

  @Test
  void pValuesMatchPublishedChiSquareQuantiles() {
    assertThat(ChiSquare.pValue(3.841458820694124, 1)).isCloseTo(0.05, within(1e-9));
    assertThat(ChiSquare.pValue(124.34211340400407, 100)).isCloseTo(0.05, within(1e-9));
    assertThat(ChiSquare.pValue(1073.6426506574246, 999)).isCloseTo(0.05, within(1e-9));
    assertThat(ChiSquare.pValue(6.6348966010212145, 1)).isCloseTo(0.01, within(1e-9));
  }

  private static double test(String mapping, long range, int bins, LongSupplier draw) {
    long[] observed = new long[bins];
    for (int i = 0; i < DRAWS; i++) {
      long v = draw.getAsLong();
      observed[(int) (v * bins / range)]++;
    }
    double[] probabilities = new double[bins];
    for (int b = 0; b < bins; b++) {
      // Values v with floor(v * bins / range) == b: an exact count, for ranges bins does not
      // divide.
      long size = ceilDiv((b + 1) * range, bins) - ceilDiv(b * range, bins);
      probabilities[b] = (double) size / range;
    }
    double chi2 = ChiSquare.statistic(observed, probabilities);
    double p = ChiSquare.pValue(chi2, bins - 1);
    synchronized (RESULTS) {
      RESULTS.add(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %,d | %.2f | %d | %s |",
              mapping,
              range,
              bins,
              DRAWS,
              chi2,
              bins - 1,
              p < 1e-300 ? "< 1e-300" : String.format(Locale.ROOT, "%.4g", p)));
    }
    return p;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  @AfterAll
  static void writeResults() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("| mapping | range | bins | draws | chi-square | df | p-value |");
    lines.add("|---|---:|---:|---:|---:|---:|---:|");
    lines.addAll(RESULTS);
    Files.createDirectories(Path.of("target"));
    Files.write(Path.of("target", "rng-uniformity.md"), lines);
  }
}
