package dev.croupier.games.api.table;

import java.util.List;
import java.util.Objects;

/**
 * What one seat alone may see of a round, for example its hole cards. The table workflow never
 * publishes it in the clear: it is sealed for compliance before it leaves the worker, and the
 * seat's player reads it through the table's view.
 *
 * @param round the round
 * @param seat the seat
 * @param playerId the only player who may see it
 * @param cards the cards or tokens, in the order dealt
 */
public record PrivateDeal(long round, int seat, String playerId, List<String> cards) {
  public PrivateDeal {
    Objects.requireNonNull(cards, "cards");
    cards = List.copyOf(cards);
  }
}
