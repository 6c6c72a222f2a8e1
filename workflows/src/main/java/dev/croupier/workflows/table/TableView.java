package dev.croupier.workflows.table;

import dev.croupier.games.api.table.SeatFacts;
import java.util.List;
import java.util.Map;

/**
 * A table as one player, or a spectator, may see it: the platform's seats and the game's own part.
 *
 * @param viewerSeat the viewer's seat, or -1 for a spectator
 * @param round the last round started
 * @param seats every seat: player, stack, status
 * @param game the game's view for this viewer as JSON values ({@link
 *     dev.croupier.games.api.TableGame#view}): their own private cards only, players by seat
 */
public record TableView(
    int viewerSeat, long round, List<SeatFacts> seats, Map<String, Object> game) {
  public TableView {
    seats = List.copyOf(seats);
  }
}
