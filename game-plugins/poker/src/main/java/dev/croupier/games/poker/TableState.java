package dev.croupier.games.poker;

import java.util.List;

/**
 * Everything a table knows, as one immutable, Jackson-serialisable value. The table workflow keeps
 * the current state and replaces it with each {@link Transition#state()}. It holds the deck and
 * every hole card, so it is never shown to a player: show {@link PokerEngine#view} instead.
 *
 * @param config the stakes and limits
 * @param seats every seat, indexed by seat number
 * @param button the button's seat in the last hand, or -1 before the first hand
 * @param handNumber the number of the last hand started, 0 before the first
 * @param hand the hand being played, or null between hands
 * @param lastHand the settlement of the last finished hand, or null
 * @param totalBuyIns every chip brought to the table: buy-ins and top-ups
 * @param totalCashOuts every chip taken away by players who left
 * @param totalRake every chip taken by the house
 */
public record TableState(
    TableConfig config,
    List<Seat> seats,
    int button,
    long handNumber,
    HandState hand,
    HandResult lastHand,
    long totalBuyIns,
    long totalCashOuts,
    long totalRake) {

  public TableState {
    seats = List.copyOf(seats);
  }

  /** One seat. */
  public Seat seat(int index) {
    return seats.get(index);
  }
}
