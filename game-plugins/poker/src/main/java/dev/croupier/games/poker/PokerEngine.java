package dev.croupier.games.poker;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.table.SeatStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * No-Limit Texas Hold'em for 2 to 9 seats, as pure functions over {@link TableState}. The table
 * workflow keeps the state, turns each player request into an Update whose validator calls {@link
 * #validate} and whose handler calls {@link #apply}, starts hands with {@link #startHand}, runs the
 * action clock with {@link #timeoutAction} and {@link #applyTimeout}, and publishes {@link
 * Transition#events()}.
 *
 * <p><b>Contract.</b> Every method is a pure, deterministic function of its arguments: no clock, no
 * randomness (the deck comes from the committed seed, see {@link PokerDeal}), no I/O, no shared
 * mutable state. The same arguments give equal results on any JVM, so the workflow may call them
 * from workflow code and replay them. Inputs are never modified. A rejected request throws {@link
 * CroupierException} with a specific {@link ErrorCode} and changes nothing; any other exception is
 * a bug.
 *
 * <p><b>Rules.</b>
 *
 * <ul>
 *   <li><b>Button and blinds.</b> The button moves to the next seat dealt in. With three or more
 *       seats the small blind is the next seat dealt in after the button, the big blind the next
 *       after that, and preflop action starts after the big blind. Heads-up, the button posts the
 *       small blind and acts first preflop and last on later streets. Postflop action starts left
 *       of the button. Missed blinds are not collected: a player who sits in is dealt in at once.
 *   <li><b>Short blinds.</b> A blind larger than the stack puts the player all-in; the others must
 *       still come in for the full big blind.
 *   <li><b>Minimum bet and raise.</b> A bet is at least the big blind; a raise adds at least the
 *       size of the last full bet or raise on the street (the big blind preflop). An all-in may be
 *       smaller. An all-in that is less than a full raise does not reopen the betting: a player who
 *       has already acted on the street may then only call or fold, unless the bet level has grown
 *       by a full raise since that player last acted (several short all-ins can add up to one), and
 *       the next full raise is measured from the last full raise size.
 *   <li><b>Uncalled bets</b> go back to the bettor before the pots are made.
 *   <li><b>Side pots.</b> One pot per distinct all-in level of the players still in; a pot is won
 *       by the best hand among the players who put in at least its level. Chips of folded players
 *       stay in the pots they reached.
 *   <li><b>Odd chips.</b> A pot that does not split evenly gives its leftover chips, one minor unit
 *       each, to the winners in seat order starting with the first winner left of the button.
 *   <li><b>Rake.</b> {@link TableConfig#rakeBps()} of each pot, rounded down per pot, main pot
 *       first, until {@link TableConfig#rakeCap()} for the hand is reached. No flop, no drop: a
 *       hand that ends before the flop is dealt pays no rake. Uncalled bets are never raked.
 *   <li><b>Showdown.</b> Every player still in shows; shown hands are public. A hand won by
 *       everyone else folding shows nothing. When at most one player can still bet, the remaining
 *       board is dealt at once.
 *   <li><b>Leaving</b> folds the player's hand at once, out of turn if need be (an all-in hand is
 *       played out); the stack is cashed out when the hand ends, or at once between hands.
 *   <li><b>Busted players</b> (stack 0 after a hand) are sat out until they top up and sit in.
 * </ul>
 *
 * <p><b>Chip conservation.</b> At every step, {@code sum(stacks) + chips bet in the running hand +
 * totalRake == totalBuyIns - totalCashOuts}; {@link #checkInvariants} asserts it.
 */
public final class PokerEngine {
  private PokerEngine() {}

  /** An empty table. */
  public static TableState newTable(TableConfig config) {
    Objects.requireNonNull(config, "config");
    List<Seat> seats = new ArrayList<>();
    for (int i = 0; i < config.seatCount(); i++) {
      seats.add(Seat.empty(i));
    }
    return new TableState(config, seats, -1, 0, null, null, 0, 0, 0);
  }

  /**
   * Checks a player's request without changing anything: the workflow's Update validator. Checks
   * run in a fixed order: the seat number, then who holds the seat, then the action's own rules.
   *
   * @param state the table
   * @param seat the seat the request is for
   * @param playerId the authenticated caller
   * @param action what the caller asks
   * @throws CroupierException {@link ErrorCode#VALIDATION_FAILED} for a seat number outside the
   *     table or a missing action; {@link ErrorCode#SEAT_TAKEN}, {@link ErrorCode#ALREADY_SEATED},
   *     {@link ErrorCode#BUY_IN_OUT_OF_RANGE} for a bad {@link Action.Sit}; {@link
   *     ErrorCode#NOT_YOUR_SEAT} if any other action names a seat the caller does not hold; {@link
   *     ErrorCode#INVALID_AMOUNT} for a non-positive amount; {@link ErrorCode#BUY_IN_OUT_OF_RANGE}
   *     for a top-up past the maximum buy-in; {@link ErrorCode#ILLEGAL_ACTION} for an action the
   *     state does not allow (no hand, not in the hand, check facing a bet, bet when a bet is open,
   *     raise when the betting is not reopened, top-up during a hand, …); {@link
   *     ErrorCode#NOT_YOUR_TURN} for a betting action by a seat in the hand that is not to act;
   *     {@link ErrorCode#AMOUNT_ABOVE_STACK} for a bet or raise the stack does not cover; {@link
   *     ErrorCode#RAISE_TOO_SMALL} for a bet or raise below the minimum that is not all-in
   */
  public static void validate(TableState state, int seat, String playerId, Action action) {
    Objects.requireNonNull(state, "state");
    if (action == null || playerId == null) {
      throw fail(ErrorCode.VALIDATION_FAILED, "missing action or player");
    }
    if (seat < 0 || seat >= state.config().seatCount()) {
      throw fail(ErrorCode.VALIDATION_FAILED, "no seat " + seat);
    }
    Seat s = state.seat(seat);
    if (action instanceof Action.Sit sit) {
      validateSit(state, s, playerId, sit);
      return;
    }
    if (!s.occupied() || !playerId.equals(s.playerId())) {
      throw fail(ErrorCode.NOT_YOUR_SEAT, "seat " + seat + " is not " + playerId + "'s");
    }
    HandState hand = state.hand();
    HandPlayer inHand = hand == null ? null : hand.player(seat);
    switch (action) {
      case Action.Sit sit -> validateSit(state, s, playerId, sit);
      case Action.TopUp topUp -> {
        if (topUp.amount() <= 0) {
          throw fail(ErrorCode.INVALID_AMOUNT, "top-up must be above zero");
        }
        if (inHand != null || s.leaving()) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "top up between hands");
        }
        if (topUp.amount() > state.config().maxBuyIn() - s.stack()) {
          throw fail(
              ErrorCode.BUY_IN_OUT_OF_RANGE,
              "stack would pass the maximum buy-in " + state.config().maxBuyIn());
        }
      }
      case Action.SitOut sitOut -> {
        if (s.status() != SeatStatus.PLAYING || s.leaving()) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "seat " + seat + " is not playing");
        }
      }
      case Action.SitIn sitIn -> {
        if (s.status() != SeatStatus.SITTING_OUT || s.leaving()) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "seat " + seat + " is not sitting out");
        }
        if (s.stack() == 0) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "top up before sitting in with an empty stack");
        }
      }
      case Action.Leave leave -> {
        if (s.leaving()) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "already leaving");
        }
      }
      default -> validateBetting(state, seat, action);
    }
  }

  /**
   * Applies a player's request: {@link #validate}, then the change. A betting action resets the
   * seat's consecutive timeouts.
   *
   * @return the new state and the public events; a betting action that ends a street deals the next
   *     one (or the rest of the board when nobody can bet), and one that ends the hand settles it,
   *     all within this call
   * @throws CroupierException exactly as {@link #validate}
   */
  public static Transition apply(TableState state, int seat, String playerId, Action action) {
    validate(state, seat, playerId, action);
    Machine m = new Machine(state);
    switch (action) {
      case Action.Sit sit -> m.sit(seat, sit);
      case Action.TopUp topUp -> m.topUp(seat, topUp.amount());
      case Action.SitOut sitOut -> m.sitOut(seat);
      case Action.SitIn sitIn -> m.sitIn(seat);
      case Action.Leave leave -> m.leave(seat);
      default -> {
        m.timeouts[seat] = 0;
        m.act(m.player(seat), action, false);
      }
    }
    return m.transition();
  }

  /**
   * Whether {@link #startHand} would deal: no hand is running and at least two seats are playing
   * with chips.
   */
  public static boolean canStartHand(TableState state) {
    return state.hand() == null && Machine.dealtIn(state).size() >= 2;
  }

  /**
   * Starts the next hand: moves the button, posts the blinds, deals from the seed (see {@link
   * PokerDeal}) and asks the first seat to act. If the blinds leave nobody able to bet, the board
   * is dealt and the hand settled at once.
   *
   * @param state a table between hands
   * @param seed the table's seeds with {@code nonce == state.handNumber() + 1}
   * @return the state with the hand running; the public events; and one {@link HoleCardsDealt} per
   *     seat dealt in, in deal order, to be sent privately
   * @throws CroupierException {@link ErrorCode#ILLEGAL_ACTION} if a hand is running, fewer than two
   *     seats can be dealt in, or the nonce is not the next hand number (so the server cannot pick
   *     among decks)
   */
  public static Transition startHand(TableState state, RoundSeed seed) {
    Objects.requireNonNull(seed, "seed");
    if (state.hand() != null) {
      throw fail(ErrorCode.ILLEGAL_ACTION, "hand " + state.handNumber() + " is running");
    }
    if (seed.nonce() != state.handNumber() + 1) {
      throw fail(
          ErrorCode.ILLEGAL_ACTION,
          "the deal of hand "
              + (state.handNumber() + 1)
              + " needs nonce "
              + (state.handNumber() + 1));
    }
    return startHand(state, PokerDeal.shuffle(seed));
  }

  /**
   * Starts a hand on a given deck: {@link #startHand(TableState, RoundSeed)} and scripted tests.
   */
  static Transition startHand(TableState state, List<String> deck) {
    if (state.hand() != null) {
      throw fail(ErrorCode.ILLEGAL_ACTION, "hand " + state.handNumber() + " is running");
    }
    if (!canStartHand(state)) {
      throw fail(ErrorCode.ILLEGAL_ACTION, "fewer than two seats can be dealt in");
    }
    if (deck.size() != 52 || new HashSet<>(deck).size() != 52) {
      throw new IllegalArgumentException("a deck is 52 distinct cards");
    }
    Machine m = new Machine(state);
    m.startHand(deck);
    return m.transition();
  }

  /**
   * What the seat to act may do.
   *
   * @throws CroupierException {@link ErrorCode#ILLEGAL_ACTION} if no hand is waiting for an action
   */
  public static LegalActions legalActions(TableState state) {
    Machine m = new Machine(state);
    if (!m.hasHand || m.toAct < 0) {
      throw fail(ErrorCode.ILLEGAL_ACTION, "nobody is to act");
    }
    return m.legal(m.player(m.toAct));
  }

  /**
   * What the action clock does for the seat to act when its time runs out: check if it may, else
   * fold.
   *
   * @throws CroupierException {@link ErrorCode#ILLEGAL_ACTION} if no hand is waiting for an action
   */
  public static Action timeoutAction(TableState state) {
    return legalActions(state).canCheck() ? new Action.Check() : new Action.Fold();
  }

  /**
   * Applies {@link #timeoutAction} for the seat to act, marked as timed out, and adds one to the
   * seat's {@link Seat#consecutiveTimeouts()}; the workflow may then apply {@link Action.SitOut}
   * for the player after N.
   *
   * @throws CroupierException {@link ErrorCode#ILLEGAL_ACTION} if no hand is waiting for an action
   */
  public static Transition applyTimeout(TableState state) {
    Action action = timeoutAction(state);
    Machine m = new Machine(state);
    int seat = m.toAct;
    m.timeouts[seat]++;
    m.act(m.player(seat), action, true);
    return m.transition();
  }

  /** Chips the table holds for its players: stacks plus chips bet in the running hand. */
  public static long chipsInPlay(TableState state) {
    long chips = 0;
    for (Seat s : state.seats()) {
      chips += s.stack();
    }
    return chips + (state.hand() == null ? 0 : state.hand().pot());
  }

  /**
   * Checks chip conservation and the state's consistency; the workflow's tests call it after every
   * hand.
   *
   * <ul>
   *   <li>{@code sum(stacks) + chips bet in the running hand + totalRake == totalBuyIns -
   *       totalCashOuts}, and no amount is negative;
   *   <li>empty seats hold no player and no chips, and no player holds two seats;
   *   <li>the running hand's players hold their seats, nobody's street bet passes the bet level or
   *       the hand total, an all-in player has no chips behind; the deck is 52 distinct cards, and
   *       the hole cards and board are the cards at their {@link PokerDeal} positions; the seat to
   *       act is still in and not all-in.
   * </ul>
   *
   * @throws IllegalStateException naming the first broken rule
   */
  public static void checkInvariants(TableState state) {
    long expected = state.totalBuyIns() - state.totalCashOuts();
    long held = chipsInPlay(state) + state.totalRake();
    require(
        held == expected,
        "chips not conserved: stacks + pot + rake = "
            + held
            + ", buy-ins - cash-outs = "
            + expected);
    require(
        state.totalBuyIns() >= 0 && state.totalCashOuts() >= 0 && state.totalRake() >= 0,
        "negative totals");
    require(state.seats().size() == state.config().seatCount(), "seat count");
    Set<String> players = new HashSet<>();
    for (int i = 0; i < state.seats().size(); i++) {
      Seat s = state.seat(i);
      require(s.index() == i, "seat " + i + " has index " + s.index());
      require(s.stack() >= 0, "negative stack at seat " + i);
      if (s.occupied()) {
        require(s.playerId() != null && players.add(s.playerId()), "seat " + i + " player");
      } else {
        require(s.playerId() == null && s.stack() == 0 && !s.leaving(), "empty seat " + i);
      }
    }
    HandState hand = state.hand();
    if (hand == null) {
      return;
    }
    require(hand.number() == state.handNumber(), "hand number");
    require(new HashSet<>(hand.deck()).size() == 52, "deck is not 52 distinct cards");
    int n = hand.players().size();
    require(n >= 2, "fewer than two players in the hand");
    List<Integer> order = Machine.dealOrder(hand.players(), hand.button(), state.config());
    for (int k = 0; k < n; k++) {
      HandPlayer p = hand.player(order.get(k));
      Seat s = state.seat(p.seat());
      require(s.occupied() && s.playerId().equals(p.playerId()), "seat " + p.seat() + " holder");
      require(p.streetBet() >= 0 && p.streetBet() <= p.totalBet(), "bets of seat " + p.seat());
      require(p.streetBet() <= hand.currentBet(), "seat " + p.seat() + " above the bet level");
      require(!p.allIn() || s.stack() == 0, "all-in seat " + p.seat() + " has chips");
      require(
          p.holeCards()
              .equals(
                  List.of(
                      hand.deck().get(PokerDeal.holeCardPosition(n, k, 0)),
                      hand.deck().get(PokerDeal.holeCardPosition(n, k, 1)))),
          "hole cards of seat " + p.seat());
    }
    for (int k = 0; k < hand.board().size(); k++) {
      require(
          hand.board().get(k).equals(hand.deck().get(PokerDeal.boardPosition(n, k))),
          "board card " + k);
    }
    if (hand.toAct() >= 0) {
      HandPlayer p = hand.player(hand.toAct());
      require(p != null && !p.folded() && !p.allIn(), "seat to act cannot act");
    }
  }

  /** The table as a seated player sees it: their own hole cards only. */
  public static TableView view(TableState state, int seat) {
    if (seat < 0 || seat >= state.config().seatCount()) {
      throw fail(ErrorCode.VALIDATION_FAILED, "no seat " + seat);
    }
    return Machine.view(state, seat);
  }

  /** The table as a spectator sees it: no hole cards at all. */
  public static TableView spectatorView(TableState state) {
    return Machine.view(state, -1);
  }

  private static void validateSit(TableState state, Seat s, String playerId, Action.Sit sit) {
    if (!playerId.equals(sit.playerId())) {
      throw fail(ErrorCode.NOT_YOUR_SEAT, "cannot seat another player");
    }
    if (s.occupied()) {
      throw fail(ErrorCode.SEAT_TAKEN, "seat " + s.index() + " is taken");
    }
    for (Seat other : state.seats()) {
      if (playerId.equals(other.playerId())) {
        throw fail(ErrorCode.ALREADY_SEATED, playerId + " sits at seat " + other.index());
      }
    }
    TableConfig c = state.config();
    if (sit.buyIn() < c.minBuyIn() || sit.buyIn() > c.maxBuyIn()) {
      throw fail(
          ErrorCode.BUY_IN_OUT_OF_RANGE,
          "buy-in must be in [" + c.minBuyIn() + ", " + c.maxBuyIn() + "]: " + sit.buyIn());
    }
  }

  private static void validateBetting(TableState state, int seat, Action action) {
    HandState hand = state.hand();
    if (hand == null) {
      throw fail(ErrorCode.ILLEGAL_ACTION, "no hand is running");
    }
    HandPlayer p = hand.player(seat);
    if (p == null || p.folded() || p.allIn()) {
      throw fail(ErrorCode.ILLEGAL_ACTION, "seat " + seat + " has no say in this hand");
    }
    if (hand.toAct() != seat) {
      throw fail(ErrorCode.NOT_YOUR_TURN, "seat " + hand.toAct() + " is to act");
    }
    Machine m = new Machine(state);
    LegalActions legal = m.legal(m.player(seat));
    long stack = state.seat(seat).stack();
    switch (action) {
      case Action.Fold fold -> {}
      case Action.Check check -> {
        if (!legal.canCheck()) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "cannot check facing a bet: call, raise or fold");
        }
      }
      case Action.Call call -> {
        if (legal.toCall() == 0) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "nothing to call: check");
        }
      }
      case Action.Bet bet -> {
        if (!legal.canBet()) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "a bet is open: raise instead");
        }
        checkAmount(bet.amount(), p.streetBet(), stack, legal);
      }
      case Action.Raise raise -> {
        if (legal.canBet()) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "no bet to raise: bet instead");
        }
        if (!legal.canRaise()) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "the betting is not open to seat " + seat);
        }
        checkAmount(raise.to(), p.streetBet(), stack, legal);
      }
      case Action.AllIn allIn -> {
        boolean isCall = stack <= legal.toCall();
        if (!isCall && !legal.canBet() && !legal.canRaise()) {
          throw fail(ErrorCode.ILLEGAL_ACTION, "seat " + seat + " may only call or fold");
        }
      }
      default -> throw fail(ErrorCode.ILLEGAL_ACTION, "not a betting action: " + action);
    }
  }

  private static void checkAmount(long to, long streetBet, long stack, LegalActions legal) {
    if (to <= 0) {
      throw fail(ErrorCode.INVALID_AMOUNT, "amount must be above zero");
    }
    if (to - streetBet > stack) {
      throw fail(
          ErrorCode.AMOUNT_ABOVE_STACK, "at most " + (streetBet + stack) + " with this stack");
    }
    if (to < legal.minTo() && to != streetBet + stack) {
      throw fail(ErrorCode.RAISE_TOO_SMALL, "the minimum is " + legal.minTo() + ", or all-in");
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  static CroupierException fail(ErrorCode code, String message) {
    return new CroupierException(code, message);
  }
}
