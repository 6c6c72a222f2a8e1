package dev.croupier.games.poker;

import dev.croupier.games.api.table.SeatStatus;
import dev.croupier.games.poker.PublicEvent.ActionKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * One engine step's mutable working copy of a {@link TableState}: loaded from the immutable state,
 * changed in place, then turned back into records with {@link #transition()}. Never shared, never
 * kept between calls. Callers have validated the request.
 */
final class Machine {
  private final TableConfig config;
  private final int seatCount;
  private final String[] playerIds;
  private final long[] stacks;
  private final SeatStatus[] statuses;
  final int[] timeouts;
  private final boolean[] leaving;
  private int button;
  private long handNumber;
  private HandResult lastHand;
  private long totalBuyIns;
  private long totalCashOuts;
  private long totalRake;

  boolean hasHand;
  private int handButton;
  private int smallBlindSeat;
  private int bigBlindSeat;
  private List<String> deck;
  private int nextCard;
  private Street street;
  private final List<String> board = new ArrayList<>();
  private final List<P> players = new ArrayList<>();
  private long currentBet;
  private long minRaise;
  int toAct = -1;

  private final List<PublicEvent> events = new ArrayList<>();
  private final List<HoleCardsDealt> holeCards = new ArrayList<>();

  /** A mutable {@link HandPlayer}. */
  static final class P {
    final int seat;
    final String playerId;
    final List<String> hole;
    long streetBet;
    long totalBet;
    boolean folded;
    boolean allIn;
    boolean acted;
    long actedAtBet;

    P(int seat, String playerId, List<String> hole) {
      this.seat = seat;
      this.playerId = playerId;
      this.hole = hole;
    }
  }

  Machine(TableState s) {
    config = s.config();
    seatCount = config.seatCount();
    playerIds = new String[seatCount];
    stacks = new long[seatCount];
    statuses = new SeatStatus[seatCount];
    timeouts = new int[seatCount];
    leaving = new boolean[seatCount];
    for (int i = 0; i < seatCount; i++) {
      Seat seat = s.seat(i);
      playerIds[i] = seat.playerId();
      stacks[i] = seat.stack();
      statuses[i] = seat.status();
      timeouts[i] = seat.consecutiveTimeouts();
      leaving[i] = seat.leaving();
    }
    button = s.button();
    handNumber = s.handNumber();
    lastHand = s.lastHand();
    totalBuyIns = s.totalBuyIns();
    totalCashOuts = s.totalCashOuts();
    totalRake = s.totalRake();
    HandState h = s.hand();
    if (h != null) {
      hasHand = true;
      handButton = h.button();
      smallBlindSeat = h.smallBlindSeat();
      bigBlindSeat = h.bigBlindSeat();
      deck = h.deck();
      nextCard = h.nextCard();
      street = h.street();
      board.addAll(h.board());
      for (HandPlayer hp : h.players()) {
        P p = new P(hp.seat(), hp.playerId(), hp.holeCards());
        p.streetBet = hp.streetBet();
        p.totalBet = hp.totalBet();
        p.folded = hp.folded();
        p.allIn = hp.allIn();
        p.acted = hp.acted();
        p.actedAtBet = hp.actedAtBet();
        players.add(p);
      }
      currentBet = h.currentBet();
      minRaise = h.minRaise();
      toAct = h.toAct();
    }
  }

  Transition transition() {
    List<Seat> seats = new ArrayList<>(seatCount);
    for (int i = 0; i < seatCount; i++) {
      seats.add(new Seat(i, playerIds[i], stacks[i], statuses[i], timeouts[i], leaving[i]));
    }
    HandState hand = null;
    if (hasHand) {
      List<HandPlayer> hps = new ArrayList<>();
      for (P p : players) {
        hps.add(
            new HandPlayer(
                p.seat,
                p.playerId,
                p.hole,
                p.streetBet,
                p.totalBet,
                p.folded,
                p.allIn,
                p.acted,
                p.actedAtBet));
      }
      hand =
          new HandState(
              handNumber,
              handButton,
              smallBlindSeat,
              bigBlindSeat,
              deck,
              nextCard,
              street,
              board,
              hps,
              currentBet,
              minRaise,
              toAct);
    }
    TableState state =
        new TableState(
            config,
            seats,
            button,
            handNumber,
            hand,
            lastHand,
            totalBuyIns,
            totalCashOuts,
            totalRake);
    return new Transition(state, events, holeCards);
  }

  // ---- Table actions.

  void sit(int seat, Action.Sit sit) {
    playerIds[seat] = sit.playerId();
    stacks[seat] = sit.buyIn();
    statuses[seat] = SeatStatus.PLAYING;
    timeouts[seat] = 0;
    leaving[seat] = false;
    totalBuyIns += sit.buyIn();
    events.add(new PublicEvent.PlayerSat(seat, sit.playerId(), sit.buyIn()));
  }

  void topUp(int seat, long amount) {
    stacks[seat] += amount;
    totalBuyIns += amount;
    events.add(new PublicEvent.PlayerToppedUp(seat, amount, stacks[seat]));
  }

  void sitOut(int seat) {
    statuses[seat] = SeatStatus.SITTING_OUT;
    events.add(new PublicEvent.PlayerSatOut(seat, timeouts[seat]));
  }

  void sitIn(int seat) {
    statuses[seat] = SeatStatus.PLAYING;
    timeouts[seat] = 0;
    events.add(new PublicEvent.PlayerSatIn(seat));
  }

  void leave(int seat) {
    P p = hasHand ? player(seat) : null;
    if (p != null && !p.folded && !p.allIn) {
      p.folded = true;
      p.acted = true;
      events.add(
          new PublicEvent.ActionTaken(
              handNumber, seat, ActionKind.FOLD, 0, p.streetBet, stacks[seat], false, false));
      if (toAct == seat) {
        advance();
      } else if (live() == 1) {
        finish(false);
      }
    }
    if (hasHand && player(seat) != null) {
      leaving[seat] = true;
    } else {
      cashOut(seat);
    }
  }

  private void cashOut(int seat) {
    long chips = stacks[seat];
    String playerId = playerIds[seat];
    totalCashOuts += chips;
    stacks[seat] = 0;
    playerIds[seat] = null;
    statuses[seat] = SeatStatus.EMPTY;
    timeouts[seat] = 0;
    leaving[seat] = false;
    events.add(new PublicEvent.PlayerLeft(seat, playerId, chips));
  }

  // ---- Dealing.

  /** The seats that the next hand deals in, in seat order. */
  static List<Integer> dealtIn(TableState s) {
    List<Integer> seats = new ArrayList<>();
    for (Seat seat : s.seats()) {
      if (seat.status() == SeatStatus.PLAYING && seat.stack() > 0 && !seat.leaving()) {
        seats.add(seat.index());
      }
    }
    return seats;
  }

  /** Seats in deal order: first left of the button, the button last. */
  static List<Integer> dealOrder(List<HandPlayer> players, int button, TableConfig config) {
    List<Integer> seats = new ArrayList<>();
    for (HandPlayer p : players) {
      seats.add(p.seat());
    }
    return rotateAfter(seats, button, config.seatCount());
  }

  private static List<Integer> rotateAfter(List<Integer> seats, int button, int seatCount) {
    List<Integer> order = new ArrayList<>(seats);
    order.sort(Comparator.comparingInt(seat -> Math.floorMod(seat - button - 1, seatCount)));
    return order;
  }

  void startHand(List<String> shuffled) {
    List<Integer> seats = new ArrayList<>();
    for (int i = 0; i < seatCount; i++) {
      if (statuses[i] == SeatStatus.PLAYING && stacks[i] > 0 && !leaving[i]) {
        seats.add(i);
      }
    }
    handNumber++;
    // The button moves to the next seat dealt in after the last button.
    int newButton = rotateAfter(seats, button, seatCount).get(0);
    button = newButton;
    handButton = newButton;
    List<Integer> order = rotateAfter(seats, newButton, seatCount);
    int n = order.size();
    if (n == 2) {
      smallBlindSeat = newButton;
      bigBlindSeat = order.get(0);
    } else {
      smallBlindSeat = order.get(0);
      bigBlindSeat = order.get(1);
    }
    hasHand = true;
    deck = List.copyOf(shuffled);
    nextCard = 2 * n;
    street = Street.PREFLOP;
    board.clear();
    players.clear();
    List<HandResult.Chips> startStacks = new ArrayList<>();
    for (int seat : seats) {
      int k = order.indexOf(seat);
      List<String> hole =
          List.of(
              deck.get(PokerDeal.holeCardPosition(n, k, 0)),
              deck.get(PokerDeal.holeCardPosition(n, k, 1)));
      players.add(new P(seat, playerIds[seat], hole));
      startStacks.add(new HandResult.Chips(seat, stacks[seat]));
    }
    events.add(
        new PublicEvent.HandStarted(
            handNumber, newButton, smallBlindSeat, bigBlindSeat, startStacks));
    postBlind(player(smallBlindSeat), config.smallBlind(), false);
    postBlind(player(bigBlindSeat), config.bigBlind(), true);
    currentBet = config.bigBlind();
    minRaise = config.bigBlind();
    for (int seat : order) {
      P p = player(seat);
      holeCards.add(new HoleCardsDealt(handNumber, seat, p.playerId, p.hole));
    }
    toAct = bigBlindSeat;
    advance();
  }

  private void postBlind(P p, long blind, boolean big) {
    long amount = Math.min(blind, stacks[p.seat]);
    put(p, amount);
    events.add(new PublicEvent.BlindPosted(handNumber, p.seat, big, amount, p.allIn));
  }

  private void put(P p, long amount) {
    stacks[p.seat] -= amount;
    p.streetBet += amount;
    p.totalBet += amount;
    if (stacks[p.seat] == 0) {
      p.allIn = true;
    }
  }

  // ---- Betting.

  P player(int seat) {
    for (P p : players) {
      if (p.seat == seat) {
        return p;
      }
    }
    return null;
  }

  private int live() {
    int live = 0;
    for (P p : players) {
      if (!p.folded) {
        live++;
      }
    }
    return live;
  }

  private boolean othersCanAct(P p) {
    for (P q : players) {
      if (q != p && !q.folded && !q.allIn) {
        return true;
      }
    }
    return false;
  }

  private boolean needsToAct(P p) {
    if (p.folded || p.allIn) {
      return false;
    }
    if (p.acted && p.streetBet >= currentBet) {
      return false;
    }
    // Nobody left to bet against: a player who has matched the level has nothing to decide.
    return p.streetBet < currentBet || othersCanAct(p);
  }

  LegalActions legal(P p) {
    long stack = stacks[p.seat];
    long owed = Math.max(0, currentBet - p.streetBet);
    long toCall = Math.min(owed, stack);
    boolean others = othersCanAct(p);
    boolean canBet = currentBet == 0 && stack > 0 && others;
    boolean reopened = !p.acted || currentBet - p.actedAtBet >= minRaise;
    boolean canRaise = currentBet > 0 && stack > owed && others && reopened;
    long maxTo = p.streetBet + stack;
    long minTo = Math.min(maxTo, currentBet == 0 ? config.bigBlind() : currentBet + minRaise);
    return new LegalActions(p.seat, toCall, owed == 0, canBet, canRaise, minTo, maxTo);
  }

  void act(P p, Action action, boolean timedOut) {
    ActionKind kind;
    long before = p.totalBet;
    switch (action) {
      case Action.Fold fold -> {
        p.folded = true;
        kind = ActionKind.FOLD;
      }
      case Action.Check check -> kind = ActionKind.CHECK;
      case Action.Call call -> {
        put(p, Math.min(currentBet - p.streetBet, stacks[p.seat]));
        kind = ActionKind.CALL;
      }
      case Action.Bet bet -> {
        raiseTo(p, bet.amount());
        kind = ActionKind.BET;
      }
      case Action.Raise raise -> {
        raiseTo(p, raise.to());
        kind = ActionKind.RAISE;
      }
      case Action.AllIn allIn -> {
        long to = p.streetBet + stacks[p.seat];
        if (to <= currentBet) {
          put(p, stacks[p.seat]);
          kind = ActionKind.CALL;
        } else {
          kind = currentBet == 0 ? ActionKind.BET : ActionKind.RAISE;
          raiseTo(p, to);
        }
      }
      default -> throw new IllegalArgumentException("not a betting action: " + action);
    }
    p.acted = true;
    p.actedAtBet = currentBet;
    events.add(
        new PublicEvent.ActionTaken(
            handNumber,
            p.seat,
            kind,
            p.totalBet - before,
            p.streetBet,
            stacks[p.seat],
            p.allIn,
            timedOut));
    advance();
  }

  private void raiseTo(P p, long to) {
    long increment = to - currentBet;
    if (increment >= minRaise) {
      // A full bet or raise: it sets the next minimum and reopens the betting.
      minRaise = increment;
    }
    currentBet = to;
    put(p, to - p.streetBet);
  }

  /** After an action: the next seat to act, or the next street, or the settlement. */
  private void advance() {
    if (live() == 1) {
      finish(false);
      return;
    }
    int next = nextToAct(toAct);
    while (next < 0) {
      if (street == Street.RIVER) {
        finish(true);
        return;
      }
      nextStreet();
      next = nextToAct(handButton);
    }
    toAct = next;
    events.add(new PublicEvent.ActionRequired(handNumber, legal(player(next))));
  }

  private int nextToAct(int from) {
    for (int k = 1; k <= seatCount; k++) {
      P p = player(Math.floorMod(from + k, seatCount));
      if (p != null && needsToAct(p)) {
        return p.seat;
      }
    }
    return -1;
  }

  private void nextStreet() {
    street = Street.values()[street.ordinal() + 1];
    for (P p : players) {
      p.streetBet = 0;
      p.acted = false;
      p.actedAtBet = 0;
    }
    currentBet = 0;
    minRaise = config.bigBlind();
    int n = players.size();
    List<String> cards = new ArrayList<>();
    int count = street == Street.FLOP ? 3 : 1;
    for (int i = 0; i < count; i++) {
      cards.add(deck.get(PokerDeal.boardPosition(n, board.size())));
      board.add(cards.getLast());
    }
    nextCard = PokerDeal.boardPosition(n, board.size() - 1) + 1;
    events.add(new PublicEvent.BoardDealt(handNumber, street, cards, board));
  }

  // ---- Settlement.

  private void finish(boolean showdown) {
    toAct = -1;
    List<HandResult.Chips> uncalled = returnUncalled();
    List<HandResult.ShownHand> shown = new ArrayList<>();
    List<Integer> order = rotateAfter(seatsOf(players), handButton, seatCount);
    int[] values = new int[seatCount];
    if (showdown) {
      for (int seat : order) {
        P p = player(seat);
        if (!p.folded) {
          List<String> seven = new ArrayList<>(board);
          seven.addAll(p.hole);
          int value = HandEvaluator.evaluate(seven);
          values[seat] = value;
          HandCategory category = HandEvaluator.category(value);
          shown.add(new HandResult.ShownHand(seat, p.hole, category, value));
          events.add(new PublicEvent.CardsShown(handNumber, seat, p.hole, category, value));
        }
      }
    }
    List<HandResult.Pot> pots = settlePots(order, values);
    long rake = 0;
    for (HandResult.Pot pot : pots) {
      rake += pot.rake();
      for (HandResult.Chips award : pot.awards()) {
        stacks[award.seat()] += award.amount();
      }
      events.add(new PublicEvent.PotAwarded(handNumber, pot));
    }
    totalRake += rake;
    lastHand = new HandResult(handNumber, board, showdown, shown, uncalled, pots, rake);
    hasHand = false;
    players.clear();
    board.clear();
    deck = null;
    List<HandResult.Chips> after = new ArrayList<>();
    for (int i = 0; i < seatCount; i++) {
      if (statuses[i] != SeatStatus.EMPTY) {
        after.add(new HandResult.Chips(i, stacks[i]));
      }
    }
    events.add(new PublicEvent.HandEnded(handNumber, showdown, rake, after));
    for (int i = 0; i < seatCount; i++) {
      if (leaving[i]) {
        cashOut(i);
      } else if (statuses[i] == SeatStatus.PLAYING && stacks[i] == 0) {
        statuses[i] = SeatStatus.SITTING_OUT;
        events.add(new PublicEvent.PlayerSatOut(i, timeouts[i]));
      }
    }
  }

  private static List<Integer> seatsOf(List<P> ps) {
    List<Integer> seats = new ArrayList<>();
    for (P p : ps) {
      seats.add(p.seat);
    }
    return seats;
  }

  /**
   * Gives the top bettor back what nobody else matched. A folded player's chips are dead: a player
   * who left with the top bet gets nothing back.
   */
  private List<HandResult.Chips> returnUncalled() {
    P top = null;
    long second = 0;
    for (P p : players) {
      if (top == null || p.totalBet > top.totalBet) {
        if (top != null) {
          second = Math.max(second, top.totalBet);
        }
        top = p;
      } else {
        second = Math.max(second, p.totalBet);
      }
    }
    long excess = top.totalBet - second;
    if (excess <= 0 || top.folded) {
      return List.of();
    }
    top.totalBet -= excess;
    top.streetBet = Math.max(0, top.streetBet - excess);
    stacks[top.seat] += excess;
    events.add(new PublicEvent.UncalledBetReturned(handNumber, top.seat, excess));
    return List.of(new HandResult.Chips(top.seat, excess));
  }

  /**
   * Builds the main and side pots from each player's hand total, takes the rake, and splits each
   * pot among its best eligible hands; {@code order} is the seats from left of the button.
   */
  private List<HandResult.Pot> settlePots(List<Integer> order, int[] values) {
    TreeSet<Long> levels = new TreeSet<>();
    for (P p : players) {
      if (!p.folded && p.totalBet > 0) {
        levels.add(p.totalBet);
      }
    }
    if (levels.isEmpty()) {
      // Everyone else folded before the one player left put in a chip (both blinds left out of
      // turn): one pot of dead chips, won by that player.
      levels.add(0L);
    }
    boolean raked = board.size() >= 3 && config.rakeBps() > 0;
    long rakeLeft = config.rakeCap();
    List<HandResult.Pot> pots = new ArrayList<>();
    long previous = 0;
    for (long level : levels) {
      long amount = 0;
      for (P p : players) {
        amount += Math.min(p.totalBet, level) - Math.min(p.totalBet, previous);
        if (level == levels.last()) {
          // Dead chips of folded players above the top level belong to the last pot.
          amount += Math.max(0, p.totalBet - level);
        }
      }
      List<Integer> eligible = new ArrayList<>();
      for (int seat : order) {
        P p = player(seat);
        if (!p.folded && p.totalBet >= level) {
          eligible.add(seat);
        }
      }
      long rake = 0;
      if (raked) {
        rake = Math.min(rakeLeft, Math.multiplyExact(amount, (long) config.rakeBps()) / 10_000);
        rakeLeft -= rake;
      }
      pots.add(
          new HandResult.Pot(
              pots.size(), amount, rake, eligible, split(amount - rake, eligible, values)));
      previous = level;
    }
    return pots;
  }

  /** Splits a pot among the best hands; leftover chips go one each from left of the button. */
  private static List<HandResult.Chips> split(long amount, List<Integer> eligible, int[] values) {
    int best = Integer.MIN_VALUE;
    for (int seat : eligible) {
      best = Math.max(best, values[seat]);
    }
    List<Integer> winners = new ArrayList<>();
    for (int seat : eligible) {
      if (values[seat] == best) {
        winners.add(seat);
      }
    }
    long share = amount / winners.size();
    long oddChips = amount % winners.size();
    List<HandResult.Chips> awards = new ArrayList<>();
    for (int i = 0; i < winners.size(); i++) {
      awards.add(new HandResult.Chips(winners.get(i), share + (i < oddChips ? 1 : 0)));
    }
    return awards;
  }

  // ---- Views.

  static TableView view(TableState s, int viewer) {
    List<TableView.SeatView> seats = new ArrayList<>();
    for (Seat seat : s.seats()) {
      seats.add(new TableView.SeatView(seat.index(), seat.playerId(), seat.stack(), seat.status()));
    }
    TableView.HandView hand = null;
    HandState h = s.hand();
    if (h != null) {
      List<TableView.PlayerView> ps = new ArrayList<>();
      for (HandPlayer p : h.players()) {
        ps.add(
            new TableView.PlayerView(
                p.seat(),
                p.playerId(),
                p.streetBet(),
                p.totalBet(),
                p.folded(),
                p.allIn(),
                p.seat() == viewer ? p.holeCards() : List.of()));
      }
      LegalActions legal = null;
      if (viewer >= 0 && h.toAct() == viewer) {
        Machine m = new Machine(s);
        legal = m.legal(m.player(viewer));
      }
      hand =
          new TableView.HandView(
              h.number(),
              h.button(),
              h.smallBlindSeat(),
              h.bigBlindSeat(),
              h.street(),
              h.board(),
              h.pot(),
              h.currentBet(),
              h.toAct(),
              ps,
              legal);
    }
    return new TableView(s.config(), viewer, s.handNumber(), seats, hand, s.lastHand());
  }
}
