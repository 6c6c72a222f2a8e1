package dev.croupier.bench;

import dev.croupier.games.api.BetPlaced;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundGame;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.SessionState;
import dev.croupier.games.api.Wager;
import dev.croupier.games.rng.FairRng;
import dev.croupier.games.slots.SlotEngine;
import dev.croupier.games.slots.SlotGame;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rounds per second of the slot plugin on one core, at three depths:
 *
 * <ul>
 *   <li>{@code engineOnly}: the spin and feature evaluation, with stops from a cheap xorshift
 *       generator instead of HMAC draws;
 *   <li>{@code fairRound}: a round as the simulation plays it, with its {@link FairRng} draws;
 *   <li>{@code pluginRound}: {@code placeBet} then {@code settle} through the {@link RoundGame}
 *       contract, with the full outcome a workflow receives.
 * </ul>
 *
 * One round is one paid spin; its free spins, if any, are part of the same operation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class SlotSpinBenchmark {
  private static final GameRef SLOT = new GameRef("slot-classic", "1.0.0");
  private static final String SERVER_SEED =
      "19a4679910a0b8f7b80c9a8c968208d6236bcf5eee3b1bbb4d14d7e666d5258e";

  private SlotEngine engine;
  private RoundGame plugin;
  private SessionState idle;
  private final SlotEngine.Tally tally = new SlotEngine.Tally();
  private final Wager wager = new Wager(2_000, "COIN");
  private long nonce;
  private long xorshift = 0x9E3779B97F4A7C15L;

  @Setup
  public void setUp() {
    GameRegistry registry = GameRegistry.load(SlotSpinBenchmark.class.getClassLoader());
    plugin = registry.round(SLOT);
    engine = new SlotEngine(((SlotGame) plugin).math());
    UUID id = new UUID(0x0190a00000007000L, 0x8000000000000001L);
    idle = plugin.initSession(id, id, SLOT, Map.of()).state();
  }

  @Benchmark
  public long engineOnly() {
    engine.play(this::nextCheap, tally);
    return tally.units;
  }

  @Benchmark
  public long fairRound() {
    FairRng rng = FairRng.forRound(new RoundSeed(SERVER_SEED, "bench", ++nonce));
    engine.play(rng::nextInt, tally);
    return tally.units;
  }

  @Benchmark
  public RoundResult pluginRound() {
    // Each round starts from an idle state at the next round number, as a long session would.
    SessionState state = idle.next(nonce++, idle.gameState());
    BetPlaced bet = plugin.placeBet(state, wager, Map.of());
    return plugin.settle(bet.state(), new RoundSeed(SERVER_SEED, "bench", bet.round()));
  }

  // Xorshift64 with a multiply-shift range reduction: fast and good enough to exercise the engine.
  private int nextCheap(int bound) {
    long x = xorshift;
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    xorshift = x;
    return (int) (((x >>> 32) * bound) >>> 32);
  }
}
