package dev.croupier.games.poker;

import java.util.List;

/**
 * The result of one engine step: the new state, and what happened, in order.
 *
 * @param state the table after the step
 * @param events what everyone may see, for {@code table.events}
 * @param holeCards the private deals of a hand started by this step; empty otherwise
 */
public record Transition(
    TableState state, List<PublicEvent> events, List<HoleCardsDealt> holeCards) {
  public Transition {
    events = List.copyOf(events);
    holeCards = List.copyOf(holeCards);
  }
}
