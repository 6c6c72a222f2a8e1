package dev.croupier.games.poker;

import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.rng.FairRng;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The provably fair deal of one hand, a pure function of the hand's {@link RoundSeed}: the table's
 * server seed, its client seed, and the hand number as nonce.
 *
 * <ol>
 *   <li>The deck is {@link FairRng#permutation(int) FairRng.forRound(seed).permutation(52)}: the
 *       Fisher–Yates shuffle of the published algorithm. Entry {@code i} is the card id (see {@link
 *       Cards}) at position {@code i}; position 0 is dealt first.
 *   <li>With {@code n} seats dealt in, hole cards go one at a time, starting left of the button and
 *       ending on the button, twice round: the seat {@code k}-th in that order gets positions
 *       {@code k} and {@code n + k}.
 *   <li>Then the board, each street after one burned card: burn {@code 2n}, flop {@code 2n+1 ..
 *       2n+3}, burn {@code 2n+4}, turn {@code 2n+5}, burn {@code 2n+6}, river {@code 2n+7}.
 * </ol>
 *
 * <p>The positions do not depend on how the betting goes, so a verifier needs only the seeds and
 * the deal order to recompute every card of the hand, including cards never shown.
 */
public final class PokerDeal {
  private PokerDeal() {}

  /** The 52 cards of a hand in dealt order. */
  public static List<String> shuffle(RoundSeed seed) {
    Objects.requireNonNull(seed, "seed");
    int[] order = FairRng.forRound(seed).permutation(52);
    return Cards.codes(order);
  }

  /** The deck position of a seat's {@code round}-th hole card (0 or 1). */
  public static int holeCardPosition(int seatsDealtIn, int orderIndex, int round) {
    return round * seatsDealtIn + orderIndex;
  }

  /** The deck position of the {@code k}-th board card, 0 to 4 (three flop cards, turn, river). */
  public static int boardPosition(int seatsDealtIn, int k) {
    int burnsBefore = k < 3 ? 1 : k - 1;
    return 2 * seatsDealtIn + burnsBefore + k;
  }

  /**
   * Every card of a hand: each seat's hole cards and the five board cards that would be dealt if
   * the hand went to the river.
   *
   * @param seed the hand's seed, nonce = hand number
   * @param dealOrder the seats dealt in, first left of the button, button last (as {@link
   *     PublicEvent.HandStarted#stacks()} lists them after rotating to start left of the button)
   */
  public static Deal deal(RoundSeed seed, List<Integer> dealOrder) {
    List<String> deck = shuffle(seed);
    int n = dealOrder.size();
    if (n < 2 || n > 9) {
      throw new IllegalArgumentException("2 to 9 seats are dealt in: " + dealOrder);
    }
    List<HoleCardsDealt> hole = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      hole.add(
          new HoleCardsDealt(
              seed.nonce(),
              dealOrder.get(k),
              null,
              List.of(deck.get(holeCardPosition(n, k, 0)), deck.get(holeCardPosition(n, k, 1)))));
    }
    List<String> board = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      board.add(deck.get(boardPosition(n, k)));
    }
    return new Deal(seed.nonce(), dealOrder, hole, board);
  }

  /**
   * The recomputed cards of a hand.
   *
   * @param handNumber the hand (the nonce)
   * @param dealOrder the seats in the order they were dealt
   * @param holeCards each seat's cards, in deal order; {@code playerId} is null
   * @param board the five board cards, flop first
   */
  public record Deal(
      long handNumber,
      List<Integer> dealOrder,
      List<HoleCardsDealt> holeCards,
      List<String> board) {
    public Deal {
      dealOrder = List.copyOf(dealOrder);
      holeCards = List.copyOf(holeCards);
      board = List.copyOf(board);
    }

    /** The hole cards of one seat, or an empty list if it was not dealt in. */
    public List<String> holeCards(int seat) {
      for (HoleCardsDealt h : holeCards) {
        if (h.seat() == seat) {
          return h.cards();
        }
      }
      return List.of();
    }
  }
}
