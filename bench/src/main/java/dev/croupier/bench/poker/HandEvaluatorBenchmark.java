package dev.croupier.bench.poker;

import dev.croupier.games.poker.HandEvaluator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Seven-card evaluations per second on one core. The hands are {@value #HANDS} random 7-card masks
 * drawn once with a fixed seed, in random order, so branches and table reads are as unpredictable
 * as at a real showdown; the summed values are returned so nothing is optimised away. One operation
 * is one evaluation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class HandEvaluatorBenchmark {
  static final int HANDS = 1 << 16;

  private final long[] hands = new long[HANDS];

  @Setup
  public void drawHands() {
    SplittableRandom random = new SplittableRandom(7_462L);
    int[] deck = new int[52];
    for (int h = 0; h < HANDS; h++) {
      for (int i = 0; i < 52; i++) {
        deck[i] = i;
      }
      long mask = 0;
      for (int i = 0; i < 7; i++) {
        int j = i + random.nextInt(52 - i);
        int card = deck[j];
        deck[j] = deck[i];
        deck[i] = card;
        mask |= HandEvaluator.bit(card);
      }
      hands[h] = mask;
    }
  }

  @Benchmark
  @OperationsPerInvocation(HANDS)
  public long evaluate() {
    long sum = 0;
    for (long hand : hands) {
      sum += HandEvaluator.evaluate(hand);
    }
    return sum;
  }
}
