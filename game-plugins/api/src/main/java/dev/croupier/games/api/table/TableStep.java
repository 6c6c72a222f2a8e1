package dev.croupier.games.api.table;

import java.util.List;
import java.util.Objects;

/**
 * The result of one engine step: the table's new state and what happened, in order.
 *
 * @param state the table after the step
 * @param events what everyone may see, in order
 * @param deals what single seats may see: the private deals of a round started by this step
 * @param settlements chips leaving the table, to post in this order
 * @param <S> the game's state type
 */
public record TableStep<S>(
    S state, List<SharedEvent> events, List<PrivateDeal> deals, List<Settlement> settlements) {
  public TableStep {
    Objects.requireNonNull(state, "state");
    events = List.copyOf(events);
    deals = List.copyOf(deals);
    settlements = List.copyOf(settlements);
  }
}
