package dev.croupier.games.api.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened at a table that everyone may see, as the game describes it; the table
 * workflow numbers it and publishes it on {@code table.events}. Never carries a card or token that
 * only one seat may see: those are {@link PrivateDeal}s.
 *
 * @param round the round it belongs to (the last round started for table-level events)
 * @param event JSON values with a {@code type} property naming the event, for example {@code
 *     {"type":"actionTaken","seat":2,…}}
 */
public record SharedEvent(long round, Map<String, Object> event) {
  public SharedEvent {
    Objects.requireNonNull(event, "event");
    if (!(event.get("type") instanceof String)) {
      throw new IllegalArgumentException("a shared event has a string type: " + event);
    }
    // Keep the game's key order, so that the published record is the same bytes on every run.
    event = Collections.unmodifiableMap(new LinkedHashMap<>(event));
  }

  /** The event's type. */
  public String type() {
    return (String) event.get("type");
  }
}
