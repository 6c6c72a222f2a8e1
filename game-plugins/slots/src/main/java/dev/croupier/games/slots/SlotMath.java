package dev.croupier.games.slots;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.MathProfile;
import dev.croupier.games.api.Volatility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of the slot's rules and math, read from a versioned resource such as {@code
 * dev/croupier/games/slots/slot-classic-1.0.0.json}: symbols, reel strips, paylines, paytable,
 * scatter and free-spin rules, the jackpot combination and contribution, and the declared math.
 * Changing any of it means a new file with a new version. Immutable.
 */
public final class SlotMath {
  /** Reels and rows are fixed by the game's layout: 5 reels of 3 visible rows. */
  public static final int REELS = 5;

  public static final int ROWS = 3;

  /** What a symbol does. */
  public enum SymbolKind {
    REGULAR,
    /** Substitutes for regular symbols on a payline, and pays on its own. */
    WILD,
    /** Pays anywhere on the grid, in multiples of the total bet, and triggers free spins. */
    SCATTER,
    /** Five on a payline in the base game win the progressive jackpot; pays nothing else. */
    JACKPOT
  }

  private final GameRef ref;
  private final String name;
  private final String currency;
  private final long minBet;
  private final long maxBet;
  private final long betStep;
  private final List<String> symbols;
  private final int wild;
  private final int scatter;
  private final int jackpot;
  private final int[][] reels;
  private final int[][] paylines;
  private final int[][] linePays;
  private final int[] scatterPays;
  private final int freeSpinTrigger;
  private final int freeSpinsAwarded;
  private final int freeSpinMultiplier;
  private final int maxFreeSpins;
  private final int jackpotContributionBps;
  private final MathProfile declared;

  private SlotMath(MathFile f) {
    ref = new GameRef(f.game(), f.version());
    name = require(f.name(), "name");
    currency = require(f.currency(), "currency");
    minBet = f.minBet();
    maxBet = f.maxBet();
    betStep = f.betStep();

    List<String> names = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    Map<SymbolKind, Integer> special = new HashMap<>();
    for (SymbolDef s : require(f.symbols(), "symbols")) {
      if (index.putIfAbsent(s.name(), names.size()) != null) {
        throw invalid("symbol " + s.name() + " is defined twice");
      }
      if (s.kind() != SymbolKind.REGULAR && special.putIfAbsent(s.kind(), names.size()) != null) {
        throw invalid("more than one " + s.kind() + " symbol");
      }
      names.add(s.name());
    }
    symbols = List.copyOf(names);
    for (SymbolKind kind : List.of(SymbolKind.WILD, SymbolKind.SCATTER, SymbolKind.JACKPOT)) {
      if (!special.containsKey(kind)) {
        throw invalid("no " + kind + " symbol");
      }
    }
    wild = special.get(SymbolKind.WILD);
    scatter = special.get(SymbolKind.SCATTER);
    jackpot = special.get(SymbolKind.JACKPOT);

    List<List<String>> strips = require(f.reels(), "reels");
    if (strips.size() != REELS) {
      throw invalid("need " + REELS + " reels, got " + strips.size());
    }
    reels = new int[REELS][];
    for (int r = 0; r < REELS; r++) {
      List<String> strip = strips.get(r);
      if (strip.size() < ROWS) {
        throw invalid("reel " + (r + 1) + " is shorter than the window");
      }
      reels[r] = strip.stream().mapToInt(s -> symbol(index, s)).toArray();
      checkScatterSpacing(r);
    }

    paylines =
        require(f.paylines(), "paylines").stream()
            .map(line -> line.stream().mapToInt(Integer::intValue).toArray())
            .toArray(int[][]::new);
    for (int[] line : paylines) {
      if (line.length != REELS) {
        throw invalid("a payline needs one row per reel");
      }
      for (int row : line) {
        if (row < 0 || row >= ROWS) {
          throw invalid("payline row out of range: " + row);
        }
      }
    }

    linePays = new int[symbols.size()][REELS + 1];
    for (Map.Entry<String, List<Integer>> e : require(f.linePays(), "linePays").entrySet()) {
      int s = symbol(index, e.getKey());
      if (s == scatter || s == jackpot) {
        throw invalid(e.getKey() + " does not pay on lines");
      }
      List<Integer> pays = e.getValue();
      if (pays.size() != REELS) {
        throw invalid("line pays of " + e.getKey() + " need one value per count 1.." + REELS);
      }
      for (int count = 1; count <= REELS; count++) {
        int pay = pays.get(count - 1);
        // Runs shorter than three never pay: the exact calculator prunes lines on that rule.
        if (pay < 0 || (count < 3 && pay != 0)) {
          throw invalid("line pay of " + count + " x " + e.getKey() + " must be 0 below 3");
        }
        linePays[s][count] = pay;
      }
    }

    List<Integer> scatterList = require(f.scatterPays(), "scatterPays");
    if (scatterList.size() != REELS) {
      throw invalid("scatter pays need one value per count 1.." + REELS);
    }
    scatterPays = new int[REELS + 1];
    for (int count = 1; count <= REELS; count++) {
      scatterPays[count] = scatterList.get(count - 1);
    }

    FreeSpinsDef fs = require(f.freeSpins(), "freeSpins");
    freeSpinTrigger = fs.triggerCount();
    freeSpinsAwarded = fs.awarded();
    freeSpinMultiplier = fs.multiplier();
    maxFreeSpins = fs.maxPerFeature();
    if (freeSpinTrigger < 1 || freeSpinTrigger > REELS || freeSpinsAwarded < 1) {
      throw invalid("free spins need a trigger count in 1..5 and at least one spin");
    }
    if (freeSpinMultiplier < 1 || maxFreeSpins < freeSpinsAwarded) {
      throw invalid("free spins need a multiplier >= 1 and maxPerFeature >= awarded");
    }
    for (int count = freeSpinTrigger; count <= REELS; count++) {
      // A trigger always pays, so a triggering spin always counts as a hit.
      if (scatterPays[count] <= 0) {
        throw invalid("a triggering scatter count must pay");
      }
    }

    JackpotDef jp = require(f.jackpot(), "jackpot");
    if (symbol(index, jp.symbol()) != jackpot || jp.count() != REELS) {
      throw invalid("the jackpot is " + REELS + " x the JACKPOT symbol on a payline");
    }
    jackpotContributionBps = jp.contributionBps();
    if (betStep % paylines.length != 0) {
      throw invalid("the bet step must split evenly over " + paylines.length + " lines");
    }
    if (betStep * jackpotContributionBps % 10_000 != 0) {
      throw invalid("the jackpot contribution of every allowed stake must be exact");
    }

    DeclaredDef d = require(f.declared(), "declared");
    declared =
        new MathProfile(
            d.baseRtp(),
            jackpotContributionBps / 10_000.0,
            d.hitFrequency(),
            d.stdDevPerRound(),
            Volatility.of(d.stdDevPerRound()));
  }

  /**
   * Reads a math file from the class path.
   *
   * @throws IllegalArgumentException if it is missing or breaks a rule of the game
   */
  public static SlotMath load(String resource) {
    try (InputStream in = SlotMath.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no math file " + resource);
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a math file.
   *
   * @throws IllegalArgumentException if it breaks a rule of the game
   */
  public static SlotMath parse(InputStream json) throws IOException {
    ObjectMapper mapper =
        new ObjectMapper().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    return new SlotMath(mapper.readValue(json, MathFile.class));
  }

  private void checkScatterSpacing(int r) {
    int[] strip = reels[r];
    for (int i = 0; i < strip.length; i++) {
      for (int row = 1; row < ROWS && strip[i] == scatter; row++) {
        if (strip[(i + row) % strip.length] == scatter) {
          throw invalid("reel " + (r + 1) + " could show two scatters at once");
        }
      }
    }
  }

  public GameRef ref() {
    return ref;
  }

  public String name() {
    return name;
  }

  public String currency() {
    return currency;
  }

  public long minBet() {
    return minBet;
  }

  public long maxBet() {
    return maxBet;
  }

  public long betStep() {
    return betStep;
  }

  /** Symbol names, by symbol index. */
  public List<String> symbols() {
    return symbols;
  }

  public int wild() {
    return wild;
  }

  public int scatter() {
    return scatter;
  }

  public int jackpotSymbol() {
    return jackpot;
  }

  /** The length of one reel strip. */
  public int reelLength(int reel) {
    return reels[reel].length;
  }

  /** The symbol at a position of a reel strip. */
  public int symbolAt(int reel, int position) {
    return reels[reel][position];
  }

  public int lineCount() {
    return paylines.length;
  }

  /** The row a payline crosses on a reel. */
  public int paylineRow(int line, int reel) {
    return paylines[line][reel];
  }

  /** What {@code count} of a symbol pay on a line, as a multiple of the line bet. */
  public int linePay(int symbol, int count) {
    return linePays[symbol][count];
  }

  /** What {@code count} scatters pay, as a multiple of the total bet. */
  public int scatterPay(int count) {
    return scatterPays[count];
  }

  public int freeSpinTrigger() {
    return freeSpinTrigger;
  }

  public int freeSpinsAwarded() {
    return freeSpinsAwarded;
  }

  public int freeSpinMultiplier() {
    return freeSpinMultiplier;
  }

  /** The most free spins one feature can award, retriggers included. */
  public int maxFreeSpins() {
    return maxFreeSpins;
  }

  public int jackpotContributionBps() {
    return jackpotContributionBps;
  }

  /** The math this version declares; the tests prove it against the exact computation. */
  public MathProfile declared() {
    return declared;
  }

  private static int symbol(Map<String, Integer> index, String name) {
    Integer s = index.get(name);
    if (s == null) {
      throw invalid("unknown symbol " + name);
    }
    return s;
  }

  private static <T> T require(T value, String field) {
    if (value == null) {
      throw invalid("missing " + field);
    }
    return value;
  }

  private static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException("invalid slot math: " + message);
  }

  // The file's shape. Unknown fields are refused, so that a typo cannot silently change the math.
  record MathFile(
      String game,
      String version,
      String name,
      String currency,
      long minBet,
      long maxBet,
      long betStep,
      List<SymbolDef> symbols,
      List<List<String>> reels,
      List<List<Integer>> paylines,
      Map<String, List<Integer>> linePays,
      List<Integer> scatterPays,
      FreeSpinsDef freeSpins,
      JackpotDef jackpot,
      DeclaredDef declared) {}

  record SymbolDef(String name, SymbolKind kind) {}

  record FreeSpinsDef(int triggerCount, int awarded, int multiplier, int maxPerFeature) {}

  record JackpotDef(String symbol, int count, int contributionBps) {}

  @JsonIgnoreProperties({"comment"})
  record DeclaredDef(double baseRtp, double hitFrequency, double stdDevPerRound) {}
}
