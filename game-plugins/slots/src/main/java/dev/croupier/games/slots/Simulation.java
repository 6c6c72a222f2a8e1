package dev.croupier.games.slots;

import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.rng.FairRng;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Plays many rounds with the fair RNG, exactly as a session would: round n draws from the fixed
 * server seed, the client seed and nonce n. Rounds are split into contiguous nonce ranges across
 * threads and the integer sums added, so the result does not depend on the thread count.
 */
final class Simulation {
  /** The fixed server seed of published simulations: SHA-256 of "croupier slot simulation". */
  static final String SERVER_SEED = FairRngSeeds.sha256Hex("croupier slot simulation");

  static final String CLIENT_SEED = "simulation";

  private Simulation() {}

  static SimulationReport run(SlotMath math, long rounds, int threads) {
    SlotEngine engine = new SlotEngine(math);
    long perThread = (rounds + threads - 1) / threads;
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<SimulationReport>> parts = new ArrayList<>();
      for (long first = 1; first <= rounds; first += perThread) {
        long from = first;
        long to = Math.min(rounds, first + perThread - 1);
        parts.add(pool.submit(() -> range(engine, from, to)));
      }
      SimulationReport total = SimulationReport.empty(math.lineCount());
      for (Future<SimulationReport> part : parts) {
        total = total.plus(part.get());
      }
      return total;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("simulation interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("simulation failed", e.getCause());
    }
  }

  private static SimulationReport range(SlotEngine engine, long from, long to) {
    SlotEngine.Tally tally = new SlotEngine.Tally();
    long sum = 0;
    long squares = 0;
    long hits = 0;
    long jackpots = 0;
    long features = 0;
    long freeSpins = 0;
    long maxUnits = 0;
    for (long nonce = from; nonce <= to; nonce++) {
      FairRng rng = FairRng.forRound(new RoundSeed(SERVER_SEED, CLIENT_SEED, nonce));
      engine.play(rng::nextInt, tally);
      long units = tally.units;
      sum += units;
      squares = Math.addExact(squares, units * units);
      maxUnits = Math.max(maxUnits, units);
      if (units > 0 || tally.jackpot) {
        hits++;
      }
      if (tally.jackpot) {
        jackpots++;
      }
      if (tally.triggered) {
        features++;
      }
      freeSpins += tally.freeSpins;
    }
    return new SimulationReport(
        to - from + 1,
        engine.math().lineCount(),
        sum,
        squares,
        hits,
        jackpots,
        features,
        freeSpins,
        maxUnits);
  }
}
