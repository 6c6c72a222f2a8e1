package dev.croupier.games.poker;

import java.util.List;

/**
 * The hand being played. It holds the whole shuffled deck, so it is secret: show players a {@link
 * TableView} instead.
 *
 * @param number the hand number, from 1; also the nonce of its deal
 * @param button the dealer button's seat
 * @param smallBlindSeat the small blind's seat (the button, heads-up)
 * @param bigBlindSeat the big blind's seat
 * @param deck the 52 cards in dealt order, from {@link PokerDeal#shuffle}
 * @param nextCard the index in {@code deck} of the next card to deal
 * @param street the current betting round
 * @param board the community cards dealt so far
 * @param players the seats dealt in, in seat order
 * @param currentBet the street's bet level: the most any player must have put in on this street
 * @param minRaise the size of the last full bet or raise on this street (the big blind if none); a
 *     raise must add at least this much to {@code currentBet}
 * @param toAct the seat to act, or -1 when nobody is to act
 */
public record HandState(
    long number,
    int button,
    int smallBlindSeat,
    int bigBlindSeat,
    List<String> deck,
    int nextCard,
    Street street,
    List<String> board,
    List<HandPlayer> players,
    long currentBet,
    long minRaise,
    int toAct) {

  public HandState {
    deck = List.copyOf(deck);
    board = List.copyOf(board);
    players = List.copyOf(players);
  }

  /** The player in a seat, or null if the seat was not dealt in. */
  public HandPlayer player(int seat) {
    for (HandPlayer p : players) {
      if (p.seat() == seat) {
        return p;
      }
    }
    return null;
  }

  /** Every chip bet in this hand so far, by every player. */
  public long pot() {
    long pot = 0;
    for (HandPlayer p : players) {
      pot += p.totalBet();
    }
    return pot;
  }
}
