package dev.croupier.games.poker;

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
import dev.croupier.games.api.table.PrivateDeal;
import dev.croupier.games.api.table.RoundEvidence;
import dev.croupier.games.api.table.SeatFacts;
import dev.croupier.games.api.table.Settlement;
import dev.croupier.games.api.table.SharedEvent;
import dev.croupier.games.api.table.TableFacts;
import dev.croupier.games.api.table.TableMove;
import dev.croupier.games.api.table.TableStep;
import dev.croupier.games.api.table.TableTerms;
import dev.croupier.games.poker.recall.HandRecords;
import dev.croupier.games.poker.recall.PokerHandRecaller;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * No-Limit Texas Hold'em as a {@link TableGame}: the table workflow plays it through this contract
 * and never sees {@link PokerEngine} or its records. Each call maps the contract's JSON values to
 * the engine's records and back; the rules themselves are the engine's, written out in the
 * certified rules file {@value #RULES} whose SHA-256 is the version's content hash.
 *
 * <p>The configuration is a {@link TableConfig} as JSON ({@code currency, seatCount, smallBlind,
 * bigBlind, minBuyIn, maxBuyIn, rakeBps, rakeCap}); the saved state is the {@link TableState}'s
 * JSON. Moves are the {@link Action}s' JSON names: the seat moves, and {@code fold}, {@code check},
 * {@code call}, {@code bet} ({@code amount}), {@code raise} (the street total, as {@code amount}
 * or, as tables recorded before this contract wrote it, {@code to}) and {@code allIn}.
 *
 * <p>The descriptor's bet limits are the chip unit and the largest stake a table may allow; each
 * table sets its own blinds and buy-ins. Its math profile is nominal: players play each other, so
 * every chip bet goes back to players except the rake, and there is no house edge to declare.
 */
public final class PokerGame implements TableGame<TableState> {
  /** The game id and rules version. */
  public static final GameRef REF = new GameRef("poker-nlhe", "1.0.0");

  /** The certified rules of {@link #REF}, on the class path. */
  public static final String RULES = "dev/croupier/games/poker/poker-nlhe-1.0.0.rules.md";

  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

  // Jackson 2, as Temporal's converter: records in component order, unknown fields tolerated.
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final GameDescriptor DESCRIPTOR =
      new GameDescriptor(
          REF,
          "No-Limit Texas Hold'em",
          GameKind.TABLE,
          "COIN",
          1,
          1_000_000_000L,
          1,
          0,
          new MathProfile(1.0, 0.0, 0.0, 0.0, Volatility.LOW),
          Certified.sha256OfResource(PokerGame.class.getClassLoader(), RULES));

  private static final Map<String, Object> CLIENT_INFO =
      Map.of(
          "moves",
          List.of(
              Map.of("type", "fold", "takesAmount", false),
              Map.of("type", "check", "takesAmount", false),
              Map.of("type", "call", "takesAmount", false),
              Map.of("type", "bet", "takesAmount", true),
              Map.of("type", "raise", "takesAmount", true),
              Map.of("type", "allIn", "takesAmount", false)));

  @Override
  public GameDescriptor descriptor() {
    return DESCRIPTOR;
  }

  /** The moves a player may send: each one's type and whether it takes an {@code amount}. */
  @Override
  public Map<String, Object> clientInfo() {
    return CLIENT_INFO;
  }

  @Override
  public TableTerms terms(Map<String, Object> config) {
    TableConfig c = config(config);
    return new TableTerms(
        c.currency(),
        c.seatCount(),
        c.minBuyIn(),
        c.maxBuyIn(),
        c.smallBlind() + "/" + c.bigBlind());
  }

  @Override
  public TableState newTable(Map<String, Object> config) {
    return PokerEngine.newTable(config(config));
  }

  @Override
  public Map<String, Object> save(TableState state) {
    return JSON.convertValue(state, JSON_OBJECT);
  }

  @Override
  public TableState restore(Map<String, Object> saved) {
    try {
      return JSON.convertValue(saved, TableState.class);
    } catch (IllegalArgumentException e) {
      throw new CroupierException(ErrorCode.INVALID_STATE, "unreadable poker table: " + e);
    }
  }

  @Override
  public TableFacts facts(TableState state) {
    List<SeatFacts> seats = new ArrayList<>(state.seats().size());
    for (Seat s : state.seats()) {
      seats.add(
          new SeatFacts(
              s.index(),
              s.playerId(),
              s.stack(),
              s.status(),
              s.consecutiveTimeouts(),
              s.leaving()));
    }
    HandState hand = state.hand();
    return new TableFacts(
        state.handNumber(),
        hand != null,
        hand == null ? -1 : hand.toAct(),
        seats,
        PokerEngine.chipsInPlay(state),
        state.totalBuyIns(),
        state.totalCashOuts(),
        state.totalRake());
  }

  @Override
  public void validate(TableState state, int seat, String playerId, TableMove move) {
    PokerEngine.validate(state, seat, playerId, action(move));
  }

  @Override
  public TableStep<TableState> apply(TableState state, int seat, String playerId, TableMove move) {
    return step(PokerEngine.apply(state, seat, playerId, action(move)));
  }

  /** The move as the engine reads it: {@code Raise[to=600]}, the same for both spellings. */
  @Override
  public String describe(TableMove move) {
    return action(move).toString();
  }

  @Override
  public boolean canStartRound(TableState state) {
    return PokerEngine.canStartHand(state);
  }

  @Override
  public TableStep<TableState> startRound(TableState state, RoundSeed seed) {
    return step(PokerEngine.startHand(state, seed));
  }

  @Override
  public TableStep<TableState> applyTimeout(TableState state) {
    return step(PokerEngine.applyTimeout(state));
  }

  @Override
  public void checkInvariants(TableState state) {
    PokerEngine.checkInvariants(state);
  }

  /**
   * {@code {smallBlind, bigBlind, hand, lastHand}}: the running hand with the viewer's own hole
   * cards only and, on the viewer's turn, the legal moves; the last hand's settlement with the
   * cards shown at a showdown. See the gateway's PROTOCOL.md, "Poker tables".
   */
  @Override
  public Map<String, Object> view(TableState state, int viewerSeat) {
    TableView v =
        viewerSeat < 0 ? PokerEngine.spectatorView(state) : PokerEngine.view(state, viewerSeat);
    return PokerViews.of(v);
  }

  /**
   * A hand rebuilt from its records by {@link PokerHandRecaller}, which reads the events and
   * re-deals the cards with the certified deal, never this engine: its {@code PokerHandRecall} as
   * JSON values.
   */
  @Override
  public Optional<Map<String, Object>> recall(RoundEvidence evidence) {
    List<PublicEvent> events = new ArrayList<>(evidence.events().size());
    for (SharedEvent e : evidence.events()) {
      events.add(JSON.convertValue(e.event(), PublicEvent.class));
    }
    List<HoleCardsDealt> opened = new ArrayList<>(evidence.privateDeals().size());
    for (PrivateDeal d : evidence.privateDeals()) {
      opened.add(new HoleCardsDealt(d.round(), d.seat(), d.playerId(), d.cards()));
    }
    List<HandRecords.HistoryAction> history = null;
    if (evidence.historyMoves() != null) {
      history = new ArrayList<>(evidence.historyMoves().size());
      for (RoundEvidence.RecordedMove m : evidence.historyMoves()) {
        history.add(new HandRecords.HistoryAction(m.seat(), kindOf(m.move().get("type"))));
      }
    }
    RoundEvidence.Epoch epoch = evidence.epoch();
    HandRecords records =
        new HandRecords(
            evidence.tableId(),
            evidence.round(),
            events,
            new HandRecords.Epoch(
                epoch.epoch(), epoch.commitment(), epoch.clientSeed(), epoch.serverSeed()),
            opened,
            evidence.rakePosted(),
            history);
    try {
      return Optional.of(JSON.convertValue(PokerHandRecaller.recall(records), JSON_OBJECT));
    } catch (IllegalArgumentException noStart) {
      throw new CroupierException(ErrorCode.UNKNOWN_HAND, noStart.getMessage());
    }
  }

  // A move's JSON name as the hand's events spell its kind: allIn -> ALL_IN.
  private static String kindOf(Object type) {
    return String.valueOf(type).replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /**
   * The action a move names.
   *
   * @throws CroupierException {@code VALIDATION_FAILED} for a move poker does not know, {@code
   *     MALFORMED_MESSAGE} for a missing argument, {@code INVALID_AMOUNT} for one that is not a
   *     whole number
   */
  public static Action action(TableMove move) {
    return switch (move.type()) {
      case TableMove.SIT -> new Action.Sit(move.text("playerId"), move.amount("buyIn"));
      case TableMove.TOP_UP -> new Action.TopUp(move.amount("amount"));
      case TableMove.SIT_OUT -> new Action.SitOut();
      case TableMove.SIT_IN -> new Action.SitIn();
      case TableMove.LEAVE -> new Action.Leave();
      case "fold" -> new Action.Fold();
      case "check" -> new Action.Check();
      case "call" -> new Action.Call();
      case "bet" -> new Action.Bet(move.amount("amount"));
      case "raise" ->
          new Action.Raise(move.amount(move.args().containsKey("to") ? "to" : "amount"));
      case "allIn" -> new Action.AllIn();
      default ->
          throw new CroupierException(
              ErrorCode.VALIDATION_FAILED,
              "action must be fold, check, call, bet, raise or allIn, not " + move.type());
    };
  }

  /** The move of an action, as the platform sends it. */
  public static TableMove move(Action action) {
    Map<String, Object> json = JSON.convertValue(action, JSON_OBJECT);
    return TableMove.fromJson(json);
  }

  private static TableConfig config(Map<String, Object> config) {
    try {
      return JSON.convertValue(config, TableConfig.class);
    } catch (IllegalArgumentException e) {
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new CroupierException(
          ErrorCode.VALIDATION_FAILED, "not a poker table: " + cause.getMessage());
    }
  }

  /** A table's configuration as JSON values. */
  public static Map<String, Object> config(TableConfig config) {
    return JSON.convertValue(config, JSON_OBJECT);
  }

  private static TableStep<TableState> step(Transition t) {
    List<SharedEvent> events = new ArrayList<>(t.events().size());
    List<Settlement> settlements = new ArrayList<>();
    for (PublicEvent e : t.events()) {
      events.add(new SharedEvent(roundOf(e, t.state()), JSON.convertValue(e, JSON_OBJECT)));
      if (e instanceof PublicEvent.HandEnded ended && ended.rake() > 0) {
        settlements.add(new Settlement.Rake(ended.handNumber(), ended.rake()));
      } else if (e instanceof PublicEvent.PlayerLeft left && left.cashOut() > 0) {
        settlements.add(new Settlement.CashOut(left.seat(), left.playerId(), left.cashOut()));
      }
    }
    List<PrivateDeal> deals = new ArrayList<>(t.holeCards().size());
    for (HoleCardsDealt h : t.holeCards()) {
      deals.add(new PrivateDeal(h.handNumber(), h.seat(), h.playerId(), h.cards()));
    }
    return new TableStep<>(t.state(), events, deals, settlements);
  }

  private static long roundOf(PublicEvent e, TableState after) {
    return switch (e) {
      case PublicEvent.HandStarted h -> h.handNumber();
      case PublicEvent.BlindPosted h -> h.handNumber();
      case PublicEvent.ActionTaken h -> h.handNumber();
      case PublicEvent.ActionRequired h -> h.handNumber();
      case PublicEvent.BoardDealt h -> h.handNumber();
      case PublicEvent.UncalledBetReturned h -> h.handNumber();
      case PublicEvent.CardsShown h -> h.handNumber();
      case PublicEvent.PotAwarded h -> h.handNumber();
      case PublicEvent.HandEnded h -> h.handNumber();
      default -> after.handNumber();
    };
  }
}
