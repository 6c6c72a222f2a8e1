package dev.croupier.games.rng;

/**
 * Pearson's chi-square goodness-of-fit test, with the p-value from the regularised upper incomplete
 * gamma function (series and continued fraction, as in Numerical Recipes §6.2).
 */
final class ChiSquare {
  private ChiSquare() {}

  /** The statistic for observed counts against expected probabilities. */
  static double statistic(long[] observed, double[] probabilities) {
    long total = 0;
    for (long o : observed) {
      total += o;
    }
    double chi2 = 0;
    for (int i = 0; i < observed.length; i++) {
      double expected = total * probabilities[i];
      double d = observed[i] - expected;
      chi2 += d * d / expected;
    }
    return chi2;
  }

  /** P(X >= chi2) for X chi-square distributed with {@code df} degrees of freedom. */
  static double pValue(double chi2, int df) {
    return upperRegularizedGamma(df / 2.0, chi2 / 2.0);
  }

  static double upperRegularizedGamma(double a, double x) {
    if (x <= 0) {
      return 1;
    }
    if (x < a + 1) {
      return 1 - lowerSeries(a, x);
    }
    return upperContinuedFraction(a, x);
  }

  private static double lowerSeries(double a, double x) {
    double term = 1 / a;
    double sum = term;
    for (int n = 1; n < 100_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) {
        break;
      }
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }

  private static double upperContinuedFraction(double a, double x) {
    double tiny = 1e-300;
    double b = x + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 100_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < tiny) {
        d = tiny;
      }
      c = b + an / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-15) {
        break;
      }
    }
    return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
  }

  /** Lanczos approximation, accurate to about 1e-15 for a > 0. */
  static double logGamma(double x) {
    double[] g = {
      0.99999999999980993,
      676.5203681218851,
      -1259.1392167224028,
      771.32342877765313,
      -176.61502916214059,
      12.507343278686905,
      -0.13857109526572012,
      9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    if (x < 0.5) {
      return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    }
    x -= 1;
    double a = g[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += g[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }
}
