package dev.croupier.games.poker;

import java.util.List;

/**
 * How a finished hand was settled.
 *
 * @param handNumber the hand
 * @param board the community cards dealt
 * @param showdown whether two or more players showed down; false when everyone else folded
 * @param shown the hands shown at the showdown, in showing order; empty without a showdown
 * @param uncalled bets nobody called, returned before the pots were made
 * @param pots the main pot first, then the side pots
 * @param rake the rake taken from all pots together
 */
public record HandResult(
    long handNumber,
    List<String> board,
    boolean showdown,
    List<ShownHand> shown,
    List<Chips> uncalled,
    List<Pot> pots,
    long rake) {

  public HandResult {
    board = List.copyOf(board);
    shown = List.copyOf(shown);
    uncalled = List.copyOf(uncalled);
    pots = List.copyOf(pots);
  }

  /** What each seat received from the pots, summed, in seat order. */
  public List<Chips> totalAwards() {
    java.util.TreeMap<Integer, Long> bySeat = new java.util.TreeMap<>();
    for (Pot pot : pots) {
      for (Chips award : pot.awards()) {
        bySeat.merge(award.seat(), award.amount(), Long::sum);
      }
    }
    return bySeat.entrySet().stream().map(e -> new Chips(e.getKey(), e.getValue())).toList();
  }

  /**
   * An amount for a seat.
   *
   * @param seat the seat
   * @param amount minor units
   */
  public record Chips(int seat, long amount) {}

  /**
   * A hand shown at the showdown.
   *
   * @param seat the seat
   * @param cards the two hole cards
   * @param category the class of the best five cards
   * @param value the {@link HandEvaluator} value; higher wins, equal splits
   */
  public record ShownHand(int seat, List<String> cards, HandCategory category, int value) {
    public ShownHand {
      cards = List.copyOf(cards);
    }
  }

  /**
   * One pot and who won it.
   *
   * @param index 0 for the main pot, then 1, 2 … for side pots
   * @param amount the chips in the pot, before rake
   * @param rake the house's part of this pot
   * @param eligible the seats that could win it: still in the hand and all in for at least its
   *     level
   * @param awards what each winner got; the shares sum to {@code amount - rake}
   */
  public record Pot(int index, long amount, long rake, List<Integer> eligible, List<Chips> awards) {
    public Pot {
      eligible = List.copyOf(eligible);
      awards = List.copyOf(awards);
    }
  }
}
