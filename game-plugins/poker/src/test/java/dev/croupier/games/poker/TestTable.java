package dev.croupier.games.poker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Drives the engine through scripted hands on stacked decks, checking the invariants after every
 * step and keeping every event.
 */
final class TestTable {
  TableState state;
  final List<PublicEvent> events = new ArrayList<>();
  final List<HoleCardsDealt> holeCards = new ArrayList<>();

  private TestTable(TableState state) {
    this.state = state;
  }

  static TableConfig config(int seats, long smallBlind, long bigBlind, int rakeBps, long rakeCap) {
    return new TableConfig(
        "COIN", seats, smallBlind, bigBlind, bigBlind, 1_000_000, rakeBps, rakeCap);
  }

  /** A table with players {@code p0, p1, …} in seats 0, 1, … holding the given stacks. */
  static TestTable seated(TableConfig config, long... stacks) {
    TestTable t = new TestTable(PokerEngine.newTable(config));
    for (int i = 0; i < stacks.length; i++) {
      t.act(i, new Action.Sit("p" + i, stacks[i]));
    }
    return t;
  }

  String player(int seat) {
    return state.seat(seat).playerId();
  }

  long stack(int seat) {
    return state.seat(seat).stack();
  }

  /**
   * Deals the next hand from a stacked deck: {@code hole} gives each seat dealt in its two cards,
   * in seat order ("As Kd" …), and {@code board} the five board cards.
   */
  TestTable deal(List<String> hole, String board) {
    List<Integer> seats = Machine.dealtIn(state);
    int n = seats.size();
    assertThat(hole).hasSize(n);
    int button =
        seats.stream()
            .min(
                Comparator.comparingInt(
                    s -> Math.floorMod(s - state.button() - 1, state.config().seatCount())))
            .orElseThrow();
    List<Integer> order = new ArrayList<>(seats);
    order.sort(
        Comparator.comparingInt(s -> Math.floorMod(s - button - 1, state.config().seatCount())));
    String[] deck = new String[52];
    for (int k = 0; k < n; k++) {
      List<String> cards = Cards.parse(hole.get(seats.indexOf(order.get(k))));
      deck[PokerDeal.holeCardPosition(n, k, 0)] = cards.get(0);
      deck[PokerDeal.holeCardPosition(n, k, 1)] = cards.get(1);
    }
    List<String> boardCards = Cards.parse(board);
    for (int k = 0; k < 5; k++) {
      deck[PokerDeal.boardPosition(n, k)] = boardCards.get(k);
    }
    Set<String> used = new LinkedHashSet<>();
    for (String c : deck) {
      if (c != null) {
        assertThat(used.add(c)).as("card %s twice in the script", c).isTrue();
      }
    }
    int next = 0;
    for (int id = 0; id < 52; id++) {
      String code = Cards.code(id);
      if (!used.contains(code)) {
        while (deck[next] != null) {
          next++;
        }
        deck[next] = code;
      }
    }
    record(PokerEngine.startHand(state, List.of(deck)));
    return this;
  }

  TestTable act(int seat, Action action) {
    record(
        PokerEngine.apply(
            state,
            seat,
            player(seat) == null && action instanceof Action.Sit s ? s.playerId() : player(seat),
            action));
    return this;
  }

  TestTable timeout() {
    record(PokerEngine.applyTimeout(state));
    return this;
  }

  void rejects(int seat, String playerId, Action action, ErrorCode code) {
    TableState before = state;
    assertThatThrownBy(() -> PokerEngine.validate(state, seat, playerId, action))
        .isInstanceOf(CroupierException.class)
        .extracting(e -> ((CroupierException) e).code())
        .isEqualTo(code);
    assertThatThrownBy(() -> PokerEngine.apply(state, seat, playerId, action))
        .isInstanceOf(CroupierException.class)
        .extracting(e -> ((CroupierException) e).code())
        .isEqualTo(code);
    assertThat(state).isSameAs(before);
  }

  void rejects(int seat, Action action, ErrorCode code) {
    rejects(seat, player(seat), action, code);
  }

  private void record(Transition t) {
    PokerEngine.checkInvariants(t.state());
    state = t.state();
    events.addAll(t.events());
    holeCards.addAll(t.holeCards());
  }

  <E extends PublicEvent> List<E> events(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  int toAct() {
    return state.hand().toAct();
  }

  LegalActions legal() {
    return PokerEngine.legalActions(state);
  }

  HandResult last() {
    return state.lastHand();
  }
}
