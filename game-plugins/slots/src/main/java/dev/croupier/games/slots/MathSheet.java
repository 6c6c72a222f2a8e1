package dev.croupier.games.slots;

import dev.croupier.games.api.GamePlugin;
import dev.croupier.games.api.MathProfile;
import dev.croupier.games.api.Volatility;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the math sheet of every installed slot version: the exact RTP, hit frequency and
 * volatility next to a 10-million-round simulation through the fair RNG. The build runs it in
 * {@code process-classes}, writing {@code target/math-sheet.md}; {@code MathSheetTest} fails when
 * the committed {@code game-plugins/slots/MATH.md} differs from it.
 *
 * <pre>
 * java -cp ... dev.croupier.games.slots.MathSheet OUTPUT.md
 * </pre>
 */
public final class MathSheet {
  /** Rounds of the published simulation. */
  static final long SIMULATED_ROUNDS = 10_000_000;

  /** How many standard errors the simulation may differ from the exact value. */
  static final double Z = 4;

  private MathSheet() {}

  /** Writes the sheet to the file named by the first argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: MathSheet OUTPUT.md");
    }
    Path out = Path.of(args[0]);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.writeString(out, generate(), StandardCharsets.UTF_8);
  }

  /** The sheet of every version listed in {@link SlotGames#INDEX}. */
  static String generate() {
    int threads = Runtime.getRuntime().availableProcessors();
    StringBuilder sheet = new StringBuilder();
    sheet.append("# Slot math sheet\n\n");
    sheet.append("Generated from the math files by `dev.croupier.games.slots.MathSheet` ");
    sheet.append(
        "during the build (`target/math-sheet.md`); do not edit by hand. To update it:\n\n");
    sheet.append("```\n./mvnw -pl game-plugins/slots -am verify -Dmath.sheet.update=true\n```\n");
    for (GamePlugin plugin : new SlotGames().plugins()) {
      SlotMath math = ((SlotGame) plugin).math();
      sheet.append('\n');
      sheet.append(
          render(math, ExactMath.compute(math), Simulation.run(math, SIMULATED_ROUNDS, threads)));
    }
    return sheet.toString();
  }

  static String render(SlotMath math, MathReport exact, SimulationReport sim) {
    List<String> s = new ArrayList<>();
    MathProfile declared = math.declared();
    s.add("## " + math.ref() + ": " + math.name());
    s.add("");
    s.add(
        String.format(
            Locale.ROOT,
            "5 reels × 3 rows, %d fixed paylines. Stake %d to %d %s minor units in steps of %d;"
                + " the line bet is stake / %d. Reel strips of %s stops: %,d equally likely"
                + " combinations per spin.",
            math.lineCount(),
            math.minBet(),
            math.maxBet(),
            math.currency(),
            math.betStep(),
            math.lineCount(),
            reelLengths(math),
            exact.combinations()));
    s.add("");
    s.add("### Declared in the descriptor");
    s.add("");
    s.add(
        "| base RTP | jackpot contribution | total RTP | hit frequency | sd per round | volatility |");
    s.add("|---:|---:|---:|---:|---:|---|");
    s.add(
        String.format(
            Locale.ROOT,
            "| %.4f %% | %.2f %% | %.4f %% | %.4f %% | %.4f | %s |",
            100 * declared.baseRtp(),
            100 * declared.jackpotRtp(),
            100 * declared.totalRtp(),
            100 * declared.hitFrequency(),
            declared.stdDevPerRound(),
            declared.volatility()));
    s.add("");
    s.add("### Exact");
    s.add("");
    s.add("Every stop combination enumerated with the engine's own line evaluation; the free-spin");
    s.add("feature (retriggers included, capped) solved by an exact recursion on its first two");
    s.add("moments. Per unit of total bet.");
    s.add("");
    s.add("| quantity | value |");
    s.add("|---|---:|");
    s.add("| **RTP, fixed payouts** | **" + pct(exact.rtp(), 6) + "** |");
    s.add("| — base game line wins | " + pct(exact.baseLineRtp(), 6) + " |");
    s.add("| — base game scatter wins | " + pct(exact.baseScatterRtp(), 6) + " |");
    s.add("| — free-spin feature | " + pct(exact.freeSpinsRtp(), 6) + " |");
    s.add(
        "| progressive jackpot contribution (paid back by the pool) | "
            + pct(BigDecimal.valueOf(math.jackpotContributionBps(), 4), 2)
            + " |");
    s.add(
        "| total RTP | "
            + pct(exact.rtp().add(BigDecimal.valueOf(math.jackpotContributionBps(), 4)), 6)
            + " |");
    s.add(
        "| hit frequency | "
            + pct(exact.hitFrequency(), 4)
            + " (1 in "
            + oneIn(exact.hitFrequency(), 3)
            + ") |");
    s.add(
        "| sd per round | "
            + exact.stdDevPerRound().setScale(4, RoundingMode.HALF_EVEN).toPlainString()
            + " |");
    s.add("| volatility | " + Volatility.of(exact.stdDevPerRound().doubleValue()) + " |");
    s.add(
        "| free spins triggered | 1 in "
            + oneIn(exact.triggerProbability(), 2)
            + " spins ("
            + exact.triggerCombinations()
            + " of the combinations) |");
    s.add(
        "| free spins per feature | "
            + exact.expectedFreeSpins().setScale(6, RoundingMode.HALF_EVEN).toPlainString()
            + " (uncapped F / (1 − F p) = "
            + exact.expectedFreeSpinsUncapped().setScale(6, RoundingMode.HALF_EVEN).toPlainString()
            + ") |");
    s.add(
        "| jackpot hit | 1 in "
            + oneIn(exact.jackpotProbability(), 0)
            + " rounds ("
            + exact.jackpotCombinations()
            + " of the combinations) |");
    s.add("| largest single spin | " + exact.maxSpinUnits() + " × line bet, before multipliers |");
    s.add("");
    s.add("### Simulated");
    s.add("");
    double exactRtp = exact.rtp().doubleValue();
    double exactHits = exact.hitFrequency().doubleValue();
    double hitSd = Math.sqrt(exactHits * (1 - exactHits) / sim.rounds());
    s.add(
        String.format(
            Locale.ROOT,
            "%,d rounds through `FairRng`, server seed SHA-256(\"croupier slot simulation\") ="
                + " `%s`, client seed `%s`, nonces 1 to %,d.",
            sim.rounds(),
            Simulation.SERVER_SEED,
            Simulation.CLIENT_SEED,
            sim.rounds()));
    s.add("");
    s.add(
        "| quantity | exact | simulated | 95 % confidence interval | z = difference / standard error |");
    s.add("|---|---:|---:|---:|---:|");
    s.add(
        String.format(
            Locale.ROOT,
            "| RTP, fixed payouts | %.4f %% | %.4f %% | [%.4f %%, %.4f %%] | %.2f |",
            100 * exactRtp,
            100 * sim.rtp(),
            100 * (sim.rtp() - 1.96 * sim.standardError()),
            100 * (sim.rtp() + 1.96 * sim.standardError()),
            Math.abs(sim.rtp() - exactRtp) / sim.standardError()));
    s.add(
        String.format(
            Locale.ROOT,
            "| hit frequency | %.4f %% | %.4f %% | [%.4f %%, %.4f %%] | %.2f |",
            100 * exactHits,
            100 * sim.hitFrequency(),
            100 * (sim.hitFrequency() - 1.96 * hitSd),
            100 * (sim.hitFrequency() + 1.96 * hitSd),
            Math.abs(sim.hitFrequency() - exactHits) / hitSd));
    s.add(
        String.format(
            Locale.ROOT,
            "| sd per round | %.4f | %.4f | | |",
            exact.stdDevPerRound().doubleValue(),
            sim.stdDevPerRound()));
    s.add("");
    s.add(
        String.format(
            Locale.ROOT,
            "Standard error of the simulated RTP: %.6f (sd per round %.4f / √%,d). The test"
                + " tolerance is %.0f standard errors: ±%.4f %%. Features: %,d; free spins: %,d;"
                + " jackpots: %,d.",
            sim.standardError(),
            sim.stdDevPerRound(),
            sim.rounds(),
            Z,
            100 * Z * sim.standardError(),
            sim.features(),
            sim.freeSpins(),
            sim.jackpots()));
    s.add("");
    s.add("### Paytable");
    s.add("");
    s.add("Line pays are multiples of the line bet, for runs from the leftmost reel; the wild");
    s.add("substitutes for every regular symbol. Scatter pays are multiples of the total bet.");
    s.add("");
    s.add("| symbol | kind | 3 | 4 | 5 |");
    s.add("|---|---|---:|---:|---:|");
    for (int sym = 0; sym < math.symbols().size(); sym++) {
      String kind = kind(math, sym);
      if (sym == math.scatter()) {
        s.add(
            String.format(
                Locale.ROOT,
                "| %s | scatter | %d × bet | %d × bet | %d × bet |",
                math.symbols().get(sym),
                math.scatterPay(3),
                math.scatterPay(4),
                math.scatterPay(5)));
      } else if (sym == math.jackpotSymbol()) {
        s.add("| " + math.symbols().get(sym) + " | jackpot | | | progressive jackpot |");
      } else {
        s.add(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %d | %d |",
                math.symbols().get(sym),
                kind,
                math.linePay(sym, 3),
                math.linePay(sym, 4),
                math.linePay(sym, 5)));
      }
    }
    s.add("");
    s.add(
        String.format(
            Locale.ROOT,
            "%d or more scatters award %d free spins on the same reels, with wins × %d;"
                + " free spins retrigger, up to %d per feature. Five %s on a payline in the base"
                + " game win the progressive jackpot, fed with %d basis points of every stake.",
            math.freeSpinTrigger(),
            math.freeSpinsAwarded(),
            math.freeSpinMultiplier(),
            math.maxFreeSpins(),
            math.symbols().get(math.jackpotSymbol()),
            math.jackpotContributionBps()));
    s.add("");
    s.add("### Symbols per reel");
    s.add("");
    StringBuilder header = new StringBuilder("| symbol |");
    StringBuilder rule = new StringBuilder("|---|");
    for (int r = 1; r <= SlotMath.REELS; r++) {
      header.append(" reel ").append(r).append(" |");
      rule.append("---:|");
    }
    s.add(header.toString());
    s.add(rule.toString());
    for (int sym = 0; sym < math.symbols().size(); sym++) {
      StringBuilder row = new StringBuilder("| " + math.symbols().get(sym) + " |");
      for (int r = 0; r < SlotMath.REELS; r++) {
        row.append(' ').append(counts(math, r).getOrDefault(sym, 0)).append(" |");
      }
      s.add(row.toString());
    }
    rules(math, s);
    paylines(math, s);
    strips(math, s);
    return String.join("\n", s) + "\n";
  }

  /**
   * How a round is played, precisely enough to recompute one without our code: the draws, the grid,
   * how a line and the scatters pay, free spins and the jackpot. The wire shape of a round's
   * outcome is in {@code api-gateway/PROTOCOL.md}.
   */
  private static void rules(SlotMath math, List<String> s) {
    String wild = math.symbols().get(math.wild());
    String scatter = math.symbols().get(math.scatter());
    String jackpot = math.symbols().get(math.jackpotSymbol());
    int lines = math.lineCount();
    s.add("");
    s.add("### How a round is played");
    s.add("");
    s.add(
        String.format(
            Locale.ROOT,
            """
            1. **Stake and line bet.** The stake is a multiple of %d minor units; the line bet is \
            stake / %d, the same on all %d lines.
            2. **Draws.** The round's draws are the fair RNG's stream for (server seed, client \
            seed, nonce = the round number), as `game-plugins/api/FAIRNESS.md` defines it: one \
            draw per reel, reel 1 first, each `nextInt(strip length)`. The base spin takes the \
            first 5 draws, each free spin the next 5, in order.
            3. **Stops and grid.** A draw is the reel's *stop*: the strip position shown on the \
            top row. Rows count from 0 at the top; row `k` of reel `r` shows \
            `strip[r][(stop[r] + k) mod length(r)]` (the strips are listed below, position 0 \
            first). In the outcome, `grid[r][k]` is that symbol.
            4. **Lines.** Payline `n` (numbered 1 to %d, as `lineWins[].line` numbers them) \
            crosses reel `r` on row `paylines[n-1][r]` (table below). Walk a line from reel 1:
               - each %s extends the *run*; the first cell that is not %s fixes the run's symbol \
            when it is a regular symbol, and ends the run when it is %s or %s; after that the run \
            goes on over that symbol and %s and stops at the first other cell;
               - the *leading wilds* are the %s cells before the run's symbol (all the run's \
            cells when no symbol was fixed);
               - the line pays the larger of the symbol's pay for the run's length and %s's pay \
            for the number of leading wilds (the paytable, in line bets); when both are equal the \
            symbol is the one reported. Fewer than 3 pay nothing. `lineWins[]` lists each paying \
            line with the paying symbol and the length it was paid for (`count`).
            5. **Scatters.** Every %s on the grid counts, on a line or not; 3, 4 or 5 of them pay \
            the scatter pay (in total bets, i.e. %d line bets each) once per spin, in \
            `scatterWin`.
            6. **Free spins.** A spin with %d or more %s awards %d free spins \
            (`freeSpinsAwarded`), played on the same reels from the next draws; their line and \
            scatter wins are multiplied by %d (`multiplier`). A free spin with %d or more %s \
            awards %d more, as long as the feature stays within %d free spins in all (the last \
            award is cut to fit). Free spins never hit the jackpot.
            7. **The spin's win** is `multiplier` × (the line pays + the scatter pay) × the line \
            bet, in minor units; the round's fixed win (`totalWin`) is the sum over its spins.
            8. **Jackpot.** A base spin with five %s on one payline hits the progressive jackpot \
            (`jackpotHit`); the pool is paid on top of `totalWin`, by the wallet, in its own post. \
            Every stake puts %d basis points of itself into the pool.""",
            math.betStep(),
            lines,
            lines,
            lines,
            wild,
            wild,
            scatter,
            jackpot,
            wild,
            wild,
            wild,
            scatter,
            lines,
            math.freeSpinTrigger(),
            scatter,
            math.freeSpinsAwarded(),
            math.freeSpinMultiplier(),
            math.freeSpinTrigger(),
            scatter,
            math.freeSpinsAwarded(),
            math.maxFreeSpins(),
            jackpot,
            math.jackpotContributionBps()));
  }

  private static void paylines(SlotMath math, List<String> s) {
    s.add("");
    s.add("### Paylines");
    s.add("");
    s.add("The row each line crosses on each reel, row 0 at the top.");
    s.add("");
    StringBuilder header = new StringBuilder("| line |");
    StringBuilder rule = new StringBuilder("|---:|");
    for (int r = 1; r <= SlotMath.REELS; r++) {
      header.append(" reel ").append(r).append(" |");
      rule.append("---:|");
    }
    s.add(header.toString());
    s.add(rule.toString());
    for (int line = 0; line < math.lineCount(); line++) {
      StringBuilder row = new StringBuilder("| " + (line + 1) + " |");
      for (int r = 0; r < SlotMath.REELS; r++) {
        row.append(' ').append(math.paylineRow(line, r)).append(" |");
      }
      s.add(row.toString());
    }
  }

  private static void strips(SlotMath math, List<String> s) {
    s.add("");
    s.add("### Reel strips");
    s.add("");
    s.add(
        "Position 0 first; a reel's stop is the position on the top row, and the strip wraps"
            + " around.");
    s.add("");
    StringBuilder header = new StringBuilder("| position |");
    StringBuilder rule = new StringBuilder("|---:|");
    int longest = 0;
    for (int r = 1; r <= SlotMath.REELS; r++) {
      header.append(" reel ").append(r).append(" |");
      rule.append("---|");
      longest = Math.max(longest, math.reelLength(r - 1));
    }
    s.add(header.toString());
    s.add(rule.toString());
    for (int p = 0; p < longest; p++) {
      StringBuilder row = new StringBuilder("| " + p + " |");
      for (int r = 0; r < SlotMath.REELS; r++) {
        row.append(' ')
            .append(p < math.reelLength(r) ? math.symbols().get(math.symbolAt(r, p)) : "")
            .append(" |");
      }
      s.add(row.toString());
    }
  }

  private static String kind(SlotMath math, int sym) {
    return sym == math.wild() ? "wild" : "regular";
  }

  private static Map<Integer, Integer> counts(SlotMath math, int reel) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (int i = 0; i < math.reelLength(reel); i++) {
      counts.merge(math.symbolAt(reel, i), 1, Integer::sum);
    }
    return counts;
  }

  private static String reelLengths(SlotMath math) {
    List<String> lengths = new ArrayList<>();
    for (int r = 0; r < SlotMath.REELS; r++) {
      lengths.add(Integer.toString(math.reelLength(r)));
    }
    return String.join(", ", lengths);
  }

  private static String pct(BigDecimal fraction, int decimals) {
    return fraction.movePointRight(2).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString()
        + " %";
  }

  private static String oneIn(BigDecimal probability, int decimals) {
    return BigDecimal.ONE
        .divide(probability, MathContext.DECIMAL128)
        .setScale(decimals, RoundingMode.HALF_EVEN)
        .toPlainString();
  }
}
