package dev.croupier.games.slots;

import java.util.ArrayList;
import java.util.List;

/**
 * Plays the slot of one {@link SlotMath}: the reel stops of a spin come from {@link Draws}, one
 * draw per reel in reel order, and a feature's free spins continue the same draws. Amounts are in
 * units of the line bet; the total bet is {@link SlotMath#lineCount()} units.
 *
 * <p>Rules. A payline pays its longest run from the leftmost reel of one regular symbol, wilds
 * substituting, or of wilds alone, whichever pays more; runs shorter than 3 pay nothing, and a
 * scatter or the jackpot symbol ends a run. Scatters pay anywhere, in multiples of the total bet;
 * {@link SlotMath#freeSpinTrigger()} or more of them award {@link SlotMath#freeSpinsAwarded()} free
 * spins on the same reels, whose wins are multiplied by {@link SlotMath#freeSpinMultiplier()}, and
 * which retrigger up to {@link SlotMath#maxFreeSpins()} in all. Five jackpot symbols on a payline
 * in the base game win the progressive jackpot.
 *
 * <p>Immutable and thread-safe; the fast path allocates nothing.
 */
public final class SlotEngine {

  /** Uniform draws in {@code [0, bound)}: the fair RNG in play, anything in benchmarks. */
  @FunctionalInterface
  public interface Draws {
    int nextInt(int bound);
  }

  /** A mutable tally of one round, reused by the fast path to avoid allocation. */
  public static final class Tally {
    /** The round's fixed win in line-bet units, free spins included. */
    public long units;

    /** Whether the base spin hit the jackpot combination. */
    public boolean jackpot;

    /** Whether the base spin triggered free spins. */
    public boolean triggered;

    /** Free spins played in the round. */
    public int freeSpins;

    final int[] grid = new int[SlotMath.REELS * SlotMath.ROWS];
    final int[] stops = new int[SlotMath.REELS];
  }

  /**
   * One line's win.
   *
   * @param line the payline, from 0
   * @param symbol the paying symbol's index
   * @param count how many reels the run covers
   * @param units the pay in line-bet units, before any free-spin multiplier
   */
  public record LineWin(int line, int symbol, int count, int units) {}

  /**
   * One spin of a round.
   *
   * @param stops the stop of each reel: the strip position shown on the top row
   * @param multiplier 1 in the base game, the free-spin multiplier in free spins
   * @param lineWins the paying lines
   * @param scatters scatters on the grid
   * @param scatterUnits the scatter pay in line-bet units, before the multiplier
   * @param units the spin's win in line-bet units, multiplier applied
   * @param jackpot whether this base spin hit the jackpot combination
   * @param freeSpinsAwarded free spins this spin awarded (the trigger or a retrigger)
   */
  public record Spin(
      List<Integer> stops,
      int multiplier,
      List<LineWin> lineWins,
      int scatters,
      long scatterUnits,
      long units,
      boolean jackpot,
      int freeSpinsAwarded) {}

  /**
   * A played round.
   *
   * @param spins the base spin, then the free spins in order
   * @param units the round's fixed win in line-bet units
   * @param jackpot whether the jackpot was hit
   */
  public record Round(List<Spin> spins, long units, boolean jackpot) {}

  private final SlotMath math;
  private final int lines;
  private final int[] reelLengths = new int[SlotMath.REELS];
  // windows[r][stop * ROWS + row]: the symbol shown, so a spin needs no modulo.
  private final int[][] windows = new int[SlotMath.REELS][];
  // linePositions[line][r]: the grid cell a line crosses on reel r, cells being r * ROWS + row.
  private final int[][] linePositions;
  private final int[][] pays;
  private final int[] scatterUnits = new int[SlotMath.REELS * SlotMath.ROWS + 1];
  private final int wild;
  private final int scatter;
  private final int jackpot;

  public SlotEngine(SlotMath math) {
    this.math = math;
    lines = math.lineCount();
    for (int r = 0; r < SlotMath.REELS; r++) {
      int length = math.reelLength(r);
      reelLengths[r] = length;
      windows[r] = new int[length * SlotMath.ROWS];
      for (int stop = 0; stop < length; stop++) {
        for (int row = 0; row < SlotMath.ROWS; row++) {
          windows[r][stop * SlotMath.ROWS + row] = math.symbolAt(r, (stop + row) % length);
        }
      }
    }
    linePositions = new int[lines][SlotMath.REELS];
    for (int l = 0; l < lines; l++) {
      for (int r = 0; r < SlotMath.REELS; r++) {
        linePositions[l][r] = r * SlotMath.ROWS + math.paylineRow(l, r);
      }
    }
    pays = new int[math.symbols().size()][SlotMath.REELS + 1];
    for (int s = 0; s < pays.length; s++) {
      for (int count = 1; count <= SlotMath.REELS; count++) {
        pays[s][count] = math.linePay(s, count);
      }
    }
    for (int count = 1; count <= SlotMath.REELS; count++) {
      scatterUnits[count] = math.scatterPay(count) * lines;
    }
    wild = math.wild();
    scatter = math.scatter();
    jackpot = math.jackpotSymbol();
  }

  public SlotMath math() {
    return math;
  }

  /** Plays one round into {@code out}, allocating nothing. */
  public void play(Draws draws, Tally out) {
    int[] grid = out.grid;
    spin(draws, grid, out.stops);
    long units = spinUnits(grid);
    int scatters = scatterCount(grid);
    out.jackpot = jackpotHit(grid);
    out.triggered = scatters >= math.freeSpinTrigger();
    int played = 0;
    if (out.triggered) {
      int remaining = math.freeSpinsAwarded();
      int awarded = remaining;
      while (remaining > 0) {
        spin(draws, grid, out.stops);
        units += (long) math.freeSpinMultiplier() * spinUnits(grid);
        remaining--;
        played++;
        if (scatterCount(grid) >= math.freeSpinTrigger()) {
          int more = Math.min(math.freeSpinsAwarded(), math.maxFreeSpins() - awarded);
          remaining += more;
          awarded += more;
        }
      }
    }
    out.units = units;
    out.freeSpins = played;
  }

  /** Plays one round and keeps every spin's details, for the player and the verifier. */
  public Round playDetailed(Draws draws) {
    int[] grid = new int[SlotMath.REELS * SlotMath.ROWS];
    List<Spin> spins = new ArrayList<>();
    int[] stops = spin(draws, grid, new int[SlotMath.REELS]);
    boolean hit = jackpotHit(grid);
    int scatters = scatterCount(grid);
    int awarded = scatters >= math.freeSpinTrigger() ? math.freeSpinsAwarded() : 0;
    Spin base = describe(stops, grid, 1, hit, awarded);
    spins.add(base);
    long units = base.units();
    int remaining = awarded;
    while (remaining > 0) {
      stops = spin(draws, grid, new int[SlotMath.REELS]);
      int more = 0;
      if (scatterCount(grid) >= math.freeSpinTrigger()) {
        more = Math.min(math.freeSpinsAwarded(), math.maxFreeSpins() - awarded);
        awarded += more;
      }
      Spin free = describe(stops, grid, math.freeSpinMultiplier(), false, more);
      spins.add(free);
      units += free.units();
      remaining += more - 1;
    }
    return new Round(List.copyOf(spins), units, hit);
  }

  private Spin describe(int[] stops, int[] grid, int multiplier, boolean hit, int awarded) {
    List<LineWin> wins = new ArrayList<>();
    long lineUnits = 0;
    for (int l = 0; l < lines; l++) {
      long packed = evaluateLine(grid, l);
      int pay = (int) (packed >>> 16);
      if (pay > 0) {
        wins.add(new LineWin(l, (int) (packed >>> 8) & 0xff, (int) packed & 0xff, pay));
        lineUnits += pay;
      }
    }
    int scatters = scatterCount(grid);
    long scatterPay = scatterUnits[scatters];
    return new Spin(
        List.of(stops[0], stops[1], stops[2], stops[3], stops[4]),
        multiplier,
        List.copyOf(wins),
        scatters,
        scatterPay,
        multiplier * (lineUnits + scatterPay),
        hit,
        awarded);
  }

  private int[] spin(Draws draws, int[] grid, int[] stops) {
    for (int r = 0; r < SlotMath.REELS; r++) {
      int stop = draws.nextInt(reelLengths[r]);
      stops[r] = stop;
      System.arraycopy(windows[r], stop * SlotMath.ROWS, grid, r * SlotMath.ROWS, SlotMath.ROWS);
    }
    return stops;
  }

  /** Fills the grid for given stops: cell {@code reel * 3 + row}. */
  void fillGrid(int[] stops, int[] grid) {
    for (int r = 0; r < SlotMath.REELS; r++) {
      System.arraycopy(
          windows[r], stops[r] * SlotMath.ROWS, grid, r * SlotMath.ROWS, SlotMath.ROWS);
    }
  }

  /** The spin's line and scatter win in line-bet units, before any multiplier. */
  long spinUnits(int[] grid) {
    long units = scatterUnits[scatterCount(grid)];
    for (int l = 0; l < lines; l++) {
      units += evaluateLine(grid, l) >>> 16;
    }
    return units;
  }

  int scatterCount(int[] grid) {
    int count = 0;
    for (int cell : grid) {
      if (cell == scatter) {
        count++;
      }
    }
    return count;
  }

  boolean jackpotHit(int[] grid) {
    for (int l = 0; l < lines; l++) {
      if (lineJackpot(grid, l)) {
        return true;
      }
    }
    return false;
  }

  boolean lineJackpot(int[] grid, int line) {
    int[] cells = linePositions[line];
    for (int r = 0; r < SlotMath.REELS; r++) {
      if (grid[cells[r]] != jackpot) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a line's first three cells could start a paying run: the exact calculator skips the
   * other lines, which pay nothing whatever the last two reels show.
   */
  boolean canPay(int[] grid, int line) {
    int[] cells = linePositions[line];
    int first = grid[cells[0]];
    if (first == jackpot) {
      return grid[cells[1]] == jackpot && grid[cells[2]] == jackpot;
    }
    int symbol = -1;
    for (int r = 0; r < 3; r++) {
      int s = grid[cells[r]];
      if (s == wild) {
        continue;
      }
      if (s == scatter || s == jackpot || (symbol >= 0 && s != symbol)) {
        return false;
      }
      symbol = s;
    }
    return true;
  }

  /**
   * A line's win, packed as {@code pay << 16 | symbol << 8 | count}, or 0. The pay is the larger of
   * the run of the first regular symbol (wilds substituting) and the run of leading wilds.
   */
  long evaluateLine(int[] grid, int line) {
    int[] cells = linePositions[line];
    int symbol = -1;
    int run = 0;
    int wilds = 0;
    for (int r = 0; r < SlotMath.REELS; r++) {
      int s = grid[cells[r]];
      if (s == wild) {
        run++;
        if (symbol < 0) {
          wilds++;
        }
      } else if (s == scatter || s == jackpot) {
        break;
      } else if (symbol < 0) {
        symbol = s;
        run++;
      } else if (s == symbol) {
        run++;
      } else {
        break;
      }
    }
    int symbolPay = symbol >= 0 ? pays[symbol][run] : 0;
    int wildPay = pays[wild][wilds];
    if (symbolPay >= wildPay) {
      return symbolPay == 0 ? 0 : ((long) symbolPay << 16) | (symbol << 8) | run;
    }
    return ((long) wildPay << 16) | (wild << 8) | wilds;
  }
}
