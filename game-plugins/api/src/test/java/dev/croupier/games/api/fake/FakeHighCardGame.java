package dev.croupier.games.api.fake;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.Certified;
import dev.croupier.games.api.GameDescriptor;
import dev.croupier.games.api.GameKind;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.MathProfile;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.TableGame;
import dev.croupier.games.api.Volatility;
import dev.croupier.games.api.Wager;
import dev.croupier.games.api.table.PrivateDeal;
import dev.croupier.games.api.table.SeatFacts;
import dev.croupier.games.api.table.SeatStatus;
import dev.croupier.games.api.table.Settlement;
import dev.croupier.games.api.table.SharedEvent;
import dev.croupier.games.api.table.TableFacts;
import dev.croupier.games.api.table.TableMove;
import dev.croupier.games.api.table.TableStep;
import dev.croupier.games.api.table.TableTerms;
import dev.croupier.games.rng.FairRng;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake table game that implements the real {@link TableGame} contract, as a second table game
 * would, to show that the platform plays any table game without knowing it. Each round every seat
 * that can pay the ante antes and is dealt one card from the round's seed; in seat order each says
 * {@code stay} or {@code fold}; the highest card among those who stayed takes the pot (ranks {@code
 * 23456789TJQKA}, then suits {@code cdhs}), less {@code rakeBps} of a pot that went to a showdown.
 * A seat whose clock runs out folds. It is found by {@link java.util.ServiceLoader} from this
 * module's test-jar.
 *
 * <p>Configuration: {@code currency}, {@code seats} (2 to 9), {@code ante}, {@code minBuyIn},
 * {@code maxBuyIn}, {@code rakeBps}.
 */
public final class FakeHighCardGame implements TableGame<FakeHighCardGame.Table> {
  /** The game this fake provides. */
  public static final GameRef REF = new GameRef("fake-highcard", "1.0.0");

  static final String RULES =
      "fake-highcard 1.0.0: ante, one card each from FairRng permutation(52) in seat order,"
          + " stay or fold in seat order, highest card among those who stay wins,"
          + " rakeBps of a pot that went to a showdown\n";

  private static final String RANKS = "23456789TJQKA";
  private static final String SUITS = "cdhs";
  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final GameDescriptor DESCRIPTOR =
      new GameDescriptor(
          REF,
          "Fake high card",
          GameKind.TABLE,
          Wager.COIN,
          1,
          1_000_000,
          1,
          0,
          new MathProfile(1.0, 0, 0, 0, Volatility.LOW),
          Certified.sha256(RULES.getBytes(StandardCharsets.UTF_8)));

  private static final Map<String, Object> CLIENT_INFO =
      Map.of(
          "moves",
          List.of(
              Map.of("type", "stay", "takesAmount", false),
              Map.of("type", "fold", "takesAmount", false)));

  /** The table's settings. */
  public record Config(
      String currency, int seats, long ante, long minBuyIn, long maxBuyIn, int rakeBps) {
    public Config {
      if (currency == null || seats < 2 || seats > 9 || ante < 1) {
        throw new IllegalArgumentException("need a currency, 2 to 9 seats and an ante >= 1");
      }
      if (minBuyIn < ante || maxBuyIn < minBuyIn || rakeBps < 0 || rakeBps > 10_000) {
        throw new IllegalArgumentException("need ante <= minBuyIn <= maxBuyIn, rakeBps 0 to 10000");
      }
    }
  }

  /** One seat. */
  public record Seat(
      int index, String playerId, long stack, SeatStatus status, int timeouts, boolean leaving) {
    static Seat empty(int index) {
      return new Seat(index, null, 0, SeatStatus.EMPTY, 0, false);
    }

    Seat with(long newStack, SeatStatus newStatus, int newTimeouts, boolean nowLeaving) {
      return new Seat(index, playerId, newStack, newStatus, newTimeouts, nowLeaving);
    }
  }

  /**
   * The running round.
   *
   * @param order the seats dealt in, in playing order
   * @param cards each dealt seat's card, by position in {@code order}
   * @param folded by position in {@code order}
   * @param next the position in {@code order} whose move the round waits for
   */
  public record Round(
      long number,
      List<Integer> order,
      List<String> cards,
      List<Boolean> folded,
      int next,
      long pot) {
    public Round {
      order = List.copyOf(order);
      cards = List.copyOf(cards);
      folded = List.copyOf(folded);
    }
  }

  /** The last round's result, shown to everyone. */
  public record Result(long number, Map<String, String> shown, int winner, long pot, long rake) {}

  /** The whole table. */
  public record Table(
      Config config,
      List<Seat> seats,
      long round,
      Round running,
      Result last,
      long buyIns,
      long cashOuts,
      long rake) {
    public Table {
      seats = List.copyOf(seats);
    }
  }

  @Override
  public GameDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Map<String, Object> clientInfo() {
    return CLIENT_INFO;
  }

  @Override
  public TableTerms terms(Map<String, Object> config) {
    Config c = config(config);
    return new TableTerms(c.currency(), c.seats(), c.minBuyIn(), c.maxBuyIn(), "ante " + c.ante());
  }

  @Override
  public Table newTable(Map<String, Object> config) {
    Config c = config(config);
    List<Seat> seats = new ArrayList<>();
    for (int i = 0; i < c.seats(); i++) {
      seats.add(Seat.empty(i));
    }
    return new Table(c, seats, 0, null, null, 0, 0, 0);
  }

  @Override
  public Map<String, Object> save(Table state) {
    return JSON.convertValue(state, JSON_OBJECT);
  }

  @Override
  public Table restore(Map<String, Object> saved) {
    try {
      return JSON.convertValue(saved, Table.class);
    } catch (IllegalArgumentException e) {
      throw new CroupierException(ErrorCode.INVALID_STATE, "unreadable high-card table");
    }
  }

  @Override
  public TableFacts facts(Table t) {
    List<SeatFacts> seats = new ArrayList<>();
    for (Seat s : t.seats()) {
      seats.add(
          new SeatFacts(s.index(), s.playerId(), s.stack(), s.status(), s.timeouts(), s.leaving()));
    }
    Round r = t.running();
    long inPlay = r == null ? 0 : r.pot();
    for (Seat s : t.seats()) {
      inPlay += s.stack();
    }
    return new TableFacts(
        t.round(),
        r != null,
        r == null ? -1 : r.order().get(r.next()),
        seats,
        inPlay,
        t.buyIns(),
        t.cashOuts(),
        t.rake());
  }

  @Override
  public void validate(Table t, int seat, String playerId, TableMove move) {
    if (seat < 0 || seat >= t.seats().size()) {
      throw fail(ErrorCode.VALIDATION_FAILED, "no seat " + seat);
    }
    Seat s = t.seats().get(seat);
    switch (move.type()) {
      case TableMove.SIT -> {
        String who = move.text("playerId");
        long buyIn = move.amount("buyIn");
        if (!who.equals(playerId)) {
          throw fail(ErrorCode.NOT_YOUR_SEAT, "cannot seat another player");
        }
        if (s.status() != SeatStatus.EMPTY) {
          throw fail(ErrorCode.SEAT_TAKEN, "seat " + seat + " is taken");
        }
        if (t.seats().stream().anyMatch(o -> playerId.equals(o.playerId()))) {
          throw fail(ErrorCode.ALREADY_SEATED, playerId + " has a seat");
        }
        if (buyIn < t.config().minBuyIn() || buyIn > t.config().maxBuyIn()) {
          throw fail(ErrorCode.BUY_IN_OUT_OF_RANGE, "buy-in " + buyIn);
        }
      }
      case TableMove.TOP_UP,
          TableMove.SIT_OUT,
          TableMove.SIT_IN,
          TableMove.LEAVE,
          "stay",
          "fold" -> {
        if (!playerId.equals(s.playerId())) {
          throw fail(ErrorCode.NOT_YOUR_SEAT, "seat " + seat + " is not " + playerId + "'s");
        }
        validateOwn(t, s, move);
      }
      default -> throw fail(ErrorCode.VALIDATION_FAILED, "no move " + move.type());
    }
  }

  private static void validateOwn(Table t, Seat s, TableMove move) {
    switch (move.type()) {
      case TableMove.TOP_UP -> {
        long amount = move.amount("amount");
        if (amount <= 0) {
          throw fail(ErrorCode.INVALID_AMOUNT, "top-up must be above zero");
        }
        if (inRound(t, s.index()) || s.leaving()) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "top up between rounds");
        }
        if (amount > t.config().maxBuyIn() - s.stack()) {
          throw fail(ErrorCode.BUY_IN_OUT_OF_RANGE, "past the maximum buy-in");
        }
      }
      case TableMove.SIT_OUT -> {
        if (s.status() != SeatStatus.PLAYING || s.leaving()) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "not playing");
        }
      }
      case TableMove.SIT_IN -> {
        if (s.status() != SeatStatus.SITTING_OUT || s.leaving() || s.stack() == 0) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "not sitting out with chips");
        }
      }
      case TableMove.LEAVE -> {
        if (s.leaving()) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "already leaving");
        }
      }
      default -> {
        Round r = t.running();
        if (r == null || !inRound(t, s.index())) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "seat " + s.index() + " is not in a round");
        }
        if (r.order().get(r.next()) != s.index()) {
          throw fail(ErrorCode.NOT_YOUR_TURN, "seat " + r.order().get(r.next()) + " is to act");
        }
      }
    }
  }

  @Override
  public TableStep<Table> apply(Table t, int seat, String playerId, TableMove move) {
    validate(t, seat, playerId, move);
    Step step = new Step(t);
    Seat s = step.seats.get(seat);
    switch (move.type()) {
      case TableMove.SIT -> {
        long buyIn = move.amount("buyIn");
        step.seats.set(seat, new Seat(seat, playerId, buyIn, SeatStatus.PLAYING, 0, false));
        step.buyIns += buyIn;
        step.event("playerSat", "seat", seat, "buyIn", buyIn);
      }
      case TableMove.TOP_UP -> {
        long amount = move.amount("amount");
        step.seats.set(seat, s.with(s.stack() + amount, s.status(), s.timeouts(), false));
        step.buyIns += amount;
        step.event("playerToppedUp", "seat", seat, "amount", amount);
      }
      case TableMove.SIT_OUT -> {
        step.seats.set(seat, s.with(s.stack(), SeatStatus.SITTING_OUT, s.timeouts(), false));
        step.event("playerSatOut", "seat", seat);
      }
      case TableMove.SIT_IN -> {
        step.seats.set(seat, s.with(s.stack(), SeatStatus.PLAYING, 0, false));
        step.event("playerSatIn", "seat", seat);
      }
      case TableMove.LEAVE -> {
        if (inRound(t, seat)) {
          step.seats.set(seat, s.with(s.stack(), s.status(), s.timeouts(), true));
          step.fold(seat, false);
        } else {
          step.cashOut(seat);
        }
      }
      case "stay" -> step.move(seat, true, false);
      default -> step.move(seat, false, false);
    }
    return step.done();
  }

  @Override
  public String describe(TableMove move) {
    return move.type();
  }

  @Override
  public boolean canStartRound(Table t) {
    return t.running() == null && dealtIn(t).size() >= 2;
  }

  @Override
  public TableStep<Table> startRound(Table t, RoundSeed seed) {
    if (t.running() != null || dealtIn(t).size() < 2) {
      throw fail(ErrorCode.ILLEGAL_ACTION, "cannot deal");
    }
    if (seed.nonce() != t.round() + 1) {
      throw fail(ErrorCode.ILLEGAL_ACTION, "round " + (t.round() + 1) + " needs its own nonce");
    }
    Step step = new Step(t);
    List<Integer> order = dealtIn(t);
    int[] deck = FairRng.forRound(seed).permutation(52);
    List<String> cards = new ArrayList<>();
    List<Boolean> folded = new ArrayList<>();
    long pot = 0;
    for (int k = 0; k < order.size(); k++) {
      int seat = order.get(k);
      Seat s = step.seats.get(seat);
      long ante = t.config().ante();
      step.seats.set(seat, s.with(s.stack() - ante, s.status(), s.timeouts(), s.leaving()));
      pot += ante;
      String card = card(deck[k]);
      cards.add(card);
      folded.add(false);
      step.deals.add(new PrivateDeal(t.round() + 1, seat, s.playerId(), List.of(card)));
    }
    step.round = t.round() + 1;
    step.running = new Round(step.round, order, cards, folded, 0, pot);
    step.event("roundStarted", "dealtIn", order, "ante", t.config().ante(), "pot", pot);
    return step.done();
  }

  @Override
  public TableStep<Table> applyTimeout(Table t) {
    Round r = t.running();
    if (r == null) {
      throw fail(ErrorCode.ILLEGAL_ACTION, "nobody is to act");
    }
    Step step = new Step(t);
    step.move(r.order().get(r.next()), false, true);
    return step.done();
  }

  @Override
  public void checkInvariants(Table t) {
    long stacks = 0;
    for (Seat s : t.seats()) {
      if (s.stack() < 0) {
        throw new IllegalStateException("negative stack at seat " + s.index());
      }
      stacks += s.stack();
    }
    long pot = t.running() == null ? 0 : t.running().pot();
    if (stacks + pot + t.rake() != t.buyIns() - t.cashOuts()) {
      throw new IllegalStateException("chips do not add up");
    }
  }

  @Override
  public Map<String, Object> view(Table t, int viewerSeat) {
    if (viewerSeat < -1 || viewerSeat >= t.seats().size()) {
      throw fail(ErrorCode.VALIDATION_FAILED, "no seat " + viewerSeat);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("ante", t.config().ante());
    Round r = t.running();
    if (r == null) {
      view.put("round", null);
    } else {
      List<Object> players = new ArrayList<>();
      for (int k = 0; k < r.order().size(); k++) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("seat", r.order().get(k));
        p.put("folded", r.folded().get(k));
        p.put("card", r.order().get(k) == viewerSeat ? r.cards().get(k) : null);
        players.add(p);
      }
      Map<String, Object> round = new LinkedHashMap<>();
      round.put("number", r.number());
      round.put("toAct", r.order().get(r.next()));
      round.put("pot", r.pot());
      round.put("players", players);
      view.put("round", round);
    }
    view.put("last", t.last() == null ? null : JSON.convertValue(t.last(), JSON_OBJECT));
    return view;
  }

  private static List<Integer> dealtIn(Table t) {
    List<Integer> seats = new ArrayList<>();
    for (Seat s : t.seats()) {
      if (s.status() == SeatStatus.PLAYING && !s.leaving() && s.stack() >= t.config().ante()) {
        seats.add(s.index());
      }
    }
    return seats;
  }

  private static boolean inRound(Table t, int seat) {
    Round r = t.running();
    if (r == null) {
      return false;
    }
    int k = r.order().indexOf(seat);
    return k >= 0 && !r.folded().get(k);
  }

  private static String card(int id) {
    return "" + RANKS.charAt(id % 13) + SUITS.charAt(id / 13);
  }

  private static int strength(String card) {
    return RANKS.indexOf(card.charAt(0)) * 4 + SUITS.indexOf(card.charAt(1));
  }

  private static Config config(Map<String, Object> config) {
    try {
      return JSON.convertValue(config, Config.class);
    } catch (IllegalArgumentException e) {
      throw fail(ErrorCode.VALIDATION_FAILED, "not a high-card table: " + e.getMessage());
    }
  }

  private static CroupierException fail(ErrorCode code, String message) {
    return new CroupierException(code, message);
  }

  /** One step under construction: copies of the table's parts, events and settlements. */
  private static final class Step {
    final Table before;
    final List<Seat> seats;
    long round;
    Round running;
    Result last;
    long buyIns;
    long cashOuts;
    long rake;
    final List<SharedEvent> events = new ArrayList<>();
    final List<PrivateDeal> deals = new ArrayList<>();
    final List<Settlement> settlements = new ArrayList<>();

    Step(Table t) {
      before = t;
      seats = new ArrayList<>(t.seats());
      round = t.round();
      running = t.running();
      last = t.last();
      buyIns = t.buyIns();
      cashOuts = t.cashOuts();
      rake = t.rake();
    }

    void event(String type, Object... kv) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("type", type);
      for (int i = 0; i < kv.length; i += 2) {
        e.put((String) kv[i], kv[i + 1]);
      }
      events.add(new SharedEvent(round, e));
    }

    /** The seat to act stays or folds; the round goes on, or ends when everyone has moved. */
    void move(int seat, boolean stay, boolean timedOut) {
      Seat s = seats.get(seat);
      int timeouts = timedOut ? s.timeouts() + 1 : 0;
      seats.set(seat, s.with(s.stack(), s.status(), timeouts, s.leaving()));
      if (stay) {
        event("stayed", "seat", seat);
        advance();
      } else {
        fold(seat, timedOut);
      }
    }

    void fold(int seat, boolean timedOut) {
      int k = running.order().indexOf(seat);
      List<Boolean> folded = new ArrayList<>(running.folded());
      folded.set(k, true);
      boolean wasNext = k == running.next();
      running =
          new Round(
              running.number(),
              running.order(),
              running.cards(),
              folded,
              running.next(),
              running.pot());
      event("folded", "seat", seat, "timedOut", timedOut);
      if (folded.stream().filter(f -> !f).count() == 1) {
        settle(false);
      } else if (wasNext) {
        advance();
      }
    }

    /** Moves the turn to the next seat in order still in, or settles after the last one. */
    private void advance() {
      int next = running.next() + 1;
      while (next < running.order().size() && running.folded().get(next)) {
        next++;
      }
      if (next >= running.order().size()) {
        settle(true);
        return;
      }
      running =
          new Round(
              running.number(),
              running.order(),
              running.cards(),
              running.folded(),
              next,
              running.pot());
    }

    private void settle(boolean showdown) {
      int best = -1;
      Map<String, String> shown = new LinkedHashMap<>();
      for (int k = 0; k < running.order().size(); k++) {
        if (running.folded().get(k)) {
          continue;
        }
        if (showdown) {
          shown.put(String.valueOf(running.order().get(k)), running.cards().get(k));
        }
        if (best < 0 || strength(running.cards().get(k)) > strength(running.cards().get(best))) {
          best = k;
        }
      }
      long pot = running.pot();
      long taken = showdown ? pot * before.config().rakeBps() / 10_000 : 0;
      int winner = running.order().get(best);
      Seat w = seats.get(winner);
      seats.set(winner, w.with(w.stack() + pot - taken, w.status(), w.timeouts(), w.leaving()));
      rake += taken;
      last = new Result(running.number(), shown, winner, pot, taken);
      event("roundEnded", "winner", winner, "pot", pot, "rake", taken, "shown", shown);
      if (taken > 0) {
        settlements.add(new Settlement.Rake(running.number(), taken));
      }
      running = null;
      for (int i = 0; i < seats.size(); i++) {
        Seat s = seats.get(i);
        if (s.leaving()) {
          cashOut(i);
        } else if (s.status() == SeatStatus.PLAYING && s.stack() < before.config().ante()) {
          seats.set(i, s.with(s.stack(), SeatStatus.SITTING_OUT, s.timeouts(), false));
        }
      }
    }

    void cashOut(int seat) {
      Seat s = seats.get(seat);
      event("playerLeft", "seat", seat, "cashOut", s.stack());
      if (s.stack() > 0) {
        settlements.add(new Settlement.CashOut(seat, s.playerId(), s.stack()));
      }
      cashOuts += s.stack();
      seats.set(seat, Seat.empty(seat));
    }

    TableStep<Table> done() {
      Table after = new Table(before.config(), seats, round, running, last, buyIns, cashOuts, rake);
      return new TableStep<>(after, events, deals, settlements);
    }
  }
}
