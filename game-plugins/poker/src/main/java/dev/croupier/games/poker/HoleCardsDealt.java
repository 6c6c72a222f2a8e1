package dev.croupier.games.poker;

import java.util.List;

/**
 * A seat's two hole cards. Deliberately not a {@link PublicEvent}: it goes only to its player, and
 * the workflow stores it encrypted for compliance, never on {@code table.events}.
 *
 * @param handNumber the hand
 * @param seat the seat
 * @param playerId the only player who may see the cards
 * @param cards the two cards, in the order dealt
 */
public record HoleCardsDealt(long handNumber, int seat, String playerId, List<String> cards) {
  public HoleCardsDealt {
    cards = List.copyOf(cards);
  }
}
