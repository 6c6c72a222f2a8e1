package dev.croupier.games.slots;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.BetPlaced;
import dev.croupier.games.api.Certified;
import dev.croupier.games.api.Fields;
import dev.croupier.games.api.GameDescriptor;
import dev.croupier.games.api.GameKind;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.Posting;
import dev.croupier.games.api.PostingKind;
import dev.croupier.games.api.RoundGame;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.SessionStarted;
import dev.croupier.games.api.SessionState;
import dev.croupier.games.api.Wager;
import dev.croupier.games.rng.FairRng;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One version of the video slot as a {@link RoundGame}: 5 reels, 3 rows, 20 fixed paylines, a wild,
 * a scatter that triggers free spins, and a progressive jackpot. The stake is spread evenly over
 * the lines, so it must be a multiple of {@link GameDescriptor#betStep()}. Rules and math come from
 * the version's {@link SlotMath} file; see {@link SlotEngine} for how a round is played.
 *
 * <p>The session state is {@code idle} between rounds and {@code open:<stake>} while a stake waits
 * to be settled. A round's draws are the reel stops, one {@link FairRng#nextInt(int)} per reel over
 * the strip length, base spin first, then each free spin in order.
 */
public final class SlotGame implements RoundGame {
  private static final String IDLE = "idle";
  private static final String OPEN = "open:";
  // The outcome's objects, keys in the order a verifier and the test vectors see them.
  private static final Fields.Shape OUTCOME =
      Fields.shape("lineBet", "spins", "freeSpinsPlayed", "jackpotHit", "totalWin");
  private static final Fields.Shape SPIN =
      Fields.shape(
          "stops",
          "grid",
          "multiplier",
          "lineWins",
          "scatters",
          "scatterWin",
          "win",
          "freeSpinsAwarded");
  private static final Fields.Shape LINE_WIN = Fields.shape("line", "symbol", "count", "win");

  private final SlotMath math;
  private final SlotEngine engine;
  private final GameDescriptor descriptor;
  // columns.get(reel).get(stop): the three symbol names shown, shared by every outcome.
  private final List<List<List<String>>> columns;
  private final Map<String, Object> clientInfo;

  /**
   * @param math the version's rules and math
   * @param contentHash SHA-256 of the math file's bytes: what was certified
   */
  public SlotGame(SlotMath math, String contentHash) {
    this.math = math;
    this.engine = new SlotEngine(math);
    List<List<List<String>>> reels = new ArrayList<>();
    for (int r = 0; r < SlotMath.REELS; r++) {
      List<List<String>> stops = new ArrayList<>();
      for (int stop = 0; stop < math.reelLength(r); stop++) {
        List<String> column = new ArrayList<>();
        for (int row = 0; row < SlotMath.ROWS; row++) {
          column.add(math.symbols().get(math.symbolAt(r, (stop + row) % math.reelLength(r))));
        }
        stops.add(List.copyOf(column));
      }
      reels.add(List.copyOf(stops));
    }
    this.columns = List.copyOf(reels);
    this.descriptor =
        new GameDescriptor(
            math.ref(),
            math.name(),
            GameKind.SINGLE_PLAYER_ROUND,
            math.currency(),
            math.minBet(),
            math.maxBet(),
            math.betStep(),
            math.jackpotContributionBps(),
            math.declared(),
            contentHash);
    this.clientInfo = clientInfo(math);
  }

  /** The slot of a math file on the class path, certified as the SHA-256 of the file's bytes. */
  public static SlotGame load(String resource) {
    return new SlotGame(
        SlotMath.load(resource),
        Certified.sha256OfResource(SlotGame.class.getClassLoader(), resource));
  }

  /**
   * What a client needs to draw this version and recompute a round's whole outcome, wins included
   * (MATH.md, "How a round is played"): the reel strips (symbol names, position 0 first), the
   * paylines (the row, 0 = top, on each reel; line {@code n} is {@code paylines[n-1]}), the line
   * pays of each symbol for a run of 1 to 5 (in line bets), the scatter pays for 1 to 5 scatters
   * (in total bets), which symbols are the wild, the scatter and the jackpot, and the free-spin
   * rules. The same values as the certified math file whose hash is the descriptor's {@code
   * contentHash}.
   */
  @Override
  public Map<String, Object> clientInfo() {
    return clientInfo;
  }

  private static Map<String, Object> clientInfo(SlotMath math) {
    List<List<String>> reels = new ArrayList<>();
    for (int r = 0; r < SlotMath.REELS; r++) {
      List<String> strip = new ArrayList<>();
      for (int p = 0; p < math.reelLength(r); p++) {
        strip.add(math.symbols().get(math.symbolAt(r, p)));
      }
      reels.add(List.copyOf(strip));
    }
    List<List<Integer>> paylines = new ArrayList<>();
    for (int line = 0; line < math.lineCount(); line++) {
      List<Integer> rows = new ArrayList<>();
      for (int r = 0; r < SlotMath.REELS; r++) {
        rows.add(math.paylineRow(line, r));
      }
      paylines.add(List.copyOf(rows));
    }
    Map<String, Object> linePays = new LinkedHashMap<>();
    for (int sym = 0; sym < math.symbols().size(); sym++) {
      if (sym == math.scatter() || sym == math.jackpotSymbol()) {
        continue;
      }
      List<Integer> pays = new ArrayList<>();
      for (int count = 1; count <= SlotMath.REELS; count++) {
        pays.add(math.linePay(sym, count));
      }
      linePays.put(math.symbols().get(sym), List.copyOf(pays));
    }
    List<Integer> scatterPays = new ArrayList<>();
    for (int count = 1; count <= SlotMath.REELS; count++) {
      scatterPays.add(math.scatterPay(count));
    }
    Map<String, Object> freeSpins = new LinkedHashMap<>();
    freeSpins.put("triggerCount", math.freeSpinTrigger());
    freeSpins.put("awarded", math.freeSpinsAwarded());
    freeSpins.put("multiplier", math.freeSpinMultiplier());
    freeSpins.put("maxPerFeature", math.maxFreeSpins());
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("reels", List.copyOf(reels));
    info.put("paylines", List.copyOf(paylines));
    info.put("wild", math.symbols().get(math.wild()));
    info.put("scatter", math.symbols().get(math.scatter()));
    info.put("jackpotSymbol", math.symbols().get(math.jackpotSymbol()));
    info.put("linePays", Collections.unmodifiableMap(linePays));
    info.put("scatterPays", List.copyOf(scatterPays));
    info.put("freeSpins", Collections.unmodifiableMap(freeSpins));
    return Collections.unmodifiableMap(info);
  }

  @Override
  public GameDescriptor descriptor() {
    return descriptor;
  }

  /** The rules and math of this version. */
  public SlotMath math() {
    return math;
  }

  @Override
  public SessionStarted initSession(
      UUID sessionId, UUID userId, GameRef game, Map<String, Object> opts) {
    checkGame(game);
    return new SessionStarted(new SessionState(sessionId, userId, game, 0, IDLE), descriptor);
  }

  @Override
  public BetPlaced placeBet(SessionState state, Wager wager, Map<String, Object> meta) {
    checkGame(state.game());
    if (openStake(state) > 0) {
      throw new CroupierException(
          ErrorCode.ROUND_IN_PROGRESS, "round " + state.round() + " is not settled");
    }
    descriptor.validate(wager);
    long round = state.round() + 1;
    List<Posting> postings = new ArrayList<>(2);
    postings.add(new Posting(PostingKind.STAKE, wager.amount(), wager.currency()));
    long contribution = descriptor.jackpotContribution(wager.amount());
    if (contribution > 0) {
      postings.add(new Posting(PostingKind.JACKPOT_CONTRIBUTION, contribution, wager.currency()));
    }
    return new BetPlaced(
        state.next(round, OPEN + wager.amount()), round, state.txRef(round), wager, postings);
  }

  @Override
  public RoundResult settle(SessionState state, RoundSeed seed) {
    checkGame(state.game());
    long stake = openStake(state);
    if (stake == 0) {
      throw new CroupierException(ErrorCode.ILLEGAL_ACTION, "no round is open to settle");
    }
    if (seed.nonce() != state.round()) {
      throw new CroupierException(
          ErrorCode.ILLEGAL_ACTION,
          "the nonce must be the open round's number " + state.round() + ", not " + seed.nonce());
    }
    FairRng rng = FairRng.forRound(seed);
    SlotEngine.Round round = engine.playDetailed(rng::nextInt);
    long lineBet = stake / math.lineCount();
    long win = Math.multiplyExact(round.units(), lineBet);
    return new RoundResult(
        state.next(state.round(), IDLE),
        state.round(),
        state.txRef(state.round()),
        stake,
        win,
        round.jackpot(),
        win > 0 ? List.of(new Posting(PostingKind.WIN, win, math.currency())) : List.of(),
        outcome(round, lineBet, win));
  }

  private Map<String, Object> outcome(SlotEngine.Round round, long lineBet, long win) {
    List<String> symbols = math.symbols();
    List<SlotEngine.Spin> played = round.spins();
    Object[] spins = new Object[played.size()];
    for (int i = 0; i < spins.length; i++) {
      SlotEngine.Spin spin = played.get(i);
      List<Integer> stops = spin.stops();
      List<List<String>> grid =
          List.of(
              columns.get(0).get(stops.get(0)),
              columns.get(1).get(stops.get(1)),
              columns.get(2).get(stops.get(2)),
              columns.get(3).get(stops.get(3)),
              columns.get(4).get(stops.get(4)));
      List<SlotEngine.LineWin> wins = spin.lineWins();
      Object[] lineWins = new Object[wins.size()];
      for (int w = 0; w < lineWins.length; w++) {
        SlotEngine.LineWin lineWin = wins.get(w);
        lineWins[w] =
            LINE_WIN.with(
                lineWin.line() + 1,
                symbols.get(lineWin.symbol()),
                lineWin.count(),
                (long) lineWin.units() * spin.multiplier() * lineBet);
      }
      spins[i] =
          SPIN.with(
              stops,
              grid,
              spin.multiplier(),
              List.of(lineWins),
              spin.scatters(),
              spin.scatterUnits() * spin.multiplier() * lineBet,
              Math.multiplyExact(spin.units(), lineBet),
              spin.freeSpinsAwarded());
    }
    return OUTCOME.with(lineBet, List.of(spins), spins.length - 1, round.jackpot(), win);
  }

  private void checkGame(GameRef game) {
    if (!math.ref().gameId().equals(game.gameId())) {
      throw new CroupierException(
          ErrorCode.UNKNOWN_GAME, "this plugin plays " + math.ref().gameId() + ", not " + game);
    }
    if (!math.ref().version().equals(game.version())) {
      throw new CroupierException(
          ErrorCode.UNKNOWN_GAME_VERSION, "this plugin plays " + math.ref() + ", not " + game);
    }
  }

  // The stake waiting to be settled, or 0 when no round is open.
  private static long openStake(SessionState state) {
    String s = state.gameState();
    if (IDLE.equals(s)) {
      return 0;
    }
    if (s.startsWith(OPEN) && s.length() > OPEN.length() && s.length() <= OPEN.length() + 18) {
      // A plain loop, not a stream: every bet reads its state twice.
      long stake = 0;
      boolean digits = true;
      for (int i = OPEN.length(); i < s.length() && digits; i++) {
        char c = s.charAt(i);
        digits = c >= '0' && c <= '9';
        stake = stake * 10 + (c - '0');
      }
      if (digits && stake > 0) {
        return stake;
      }
    }
    throw new CroupierException(ErrorCode.INVALID_STATE, "unreadable slot state: " + s);
  }
}
