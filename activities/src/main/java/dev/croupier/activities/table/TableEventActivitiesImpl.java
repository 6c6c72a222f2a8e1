package dev.croupier.activities.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.croupier.games.api.table.PrivateDeal;
import dev.croupier.gamestore.tables.TableEventOutbox;
import dev.croupier.workflows.table.TableEvent;
import dev.croupier.workflows.table.TableEventActivities;
import dev.croupier.workflows.table.TableEventBatch;
import dev.croupier.workflows.table.TableSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a table's events to its outbox (the game store's {@code game.table_event_outbox}) in one
 * transaction, once per {@code (table_id, seq)}. Record values are JSON; see the workers' table
 * README for the formats. Private deals (hole cards) are sealed here, before anything is written:
 * the outbox and the topic never hold them in the clear.
 */
public final class TableEventActivitiesImpl implements TableEventActivities {
  /** The record type of sealed hole cards on {@code table.events}. */
  public static final String HOLE_CARDS_SEALED = "holeCardsSealed";

  private final TableEventOutbox outbox;
  private final MeterRegistry meters;
  private final Map<String, Counter> events = new ConcurrentHashMap<>();
  private final ObjectMapper json;
  private final HoleCardSealer sealer;
  private final String eventsTopic;
  private final String lobbyTopic;

  /**
   * @param eventsTopic {@code table.events}
   * @param lobbyTopic {@code lobby.tables}
   */
  public TableEventActivitiesImpl(
      TableEventOutbox outbox,
      ObjectMapper json,
      HoleCardSealer sealer,
      String eventsTopic,
      String lobbyTopic) {
    this(outbox, json, sealer, eventsTopic, lobbyTopic, new CompositeMeterRegistry());
  }

  /**
   * The same, counting the public events it writes in {@code croupier.game.table.events{type}} (at
   * least once: a retried append counts again, though it writes nothing new).
   */
  public TableEventActivitiesImpl(
      TableEventOutbox outbox,
      ObjectMapper json,
      HoleCardSealer sealer,
      String eventsTopic,
      String lobbyTopic,
      MeterRegistry meters) {
    this.meters = meters;
    this.outbox = outbox;
    this.json = json;
    this.sealer = sealer;
    this.eventsTopic = eventsTopic;
    this.lobbyTopic = lobbyTopic;
  }

  @Override
  public void append(TableEventBatch batch) {
    List<TableEventOutbox.Row> rows = new ArrayList<>(batch.events().size());
    for (TableEvent e : batch.events()) {
      try {
        Row row = row(batch.tableId(), e);
        if (row.topic().equals(eventsTopic)) {
          count(row.type());
        }
        rows.add(
            new TableEventOutbox.Row(
                e.seq(), row.topic(), row.type(), e.handNumber(), row.payload()));
      } catch (JsonProcessingException bug) {
        throw new IllegalArgumentException("table event " + e.seq() + " is not JSON", bug);
      }
    }
    outbox.append(batch.tableId(), rows);
  }

  private void count(String type) {
    events
        .computeIfAbsent(
            type,
            t ->
                Counter.builder("croupier.game.table.events")
                    .description("Table events written to the outbox, by type")
                    .tag("type", t)
                    .register(meters))
        .increment();
  }

  private record Row(String topic, String type, String payload) {}

  private Row row(UUID tableId, TableEvent e) throws JsonProcessingException {
    ObjectNode value = json.createObjectNode();
    value.put("tableId", tableId.toString());
    value.put("seq", e.seq());
    value.put("handNumber", e.handNumber());
    switch (e) {
      case TableEvent.Public p -> {
        ObjectNode event = json.valueToTree(p.event());
        String type = event.path("type").asText();
        value.put("type", type);
        value.set("event", event);
        return new Row(eventsTopic, type, json.writeValueAsString(value));
      }
      case TableEvent.Private h -> {
        PrivateDeal deal = h.deal();
        value.put("type", HOLE_CARDS_SEALED);
        value.put("seat", deal.seat());
        value.put("playerId", deal.playerId());
        byte[] plaintext = json.writeValueAsString(deal.cards()).getBytes(StandardCharsets.UTF_8);
        HoleCardSealer.Sealed sealed = sealer.seal(plaintext, associatedData(tableId, deal));
        value.set("sealed", json.valueToTree(sealed));
        return new Row(eventsTopic, HOLE_CARDS_SEALED, json.writeValueAsString(value));
      }
      case TableEvent.SeedCommitted s -> {
        value.put("type", "seedCommitted");
        value.set("event", json.valueToTree(s));
        return new Row(eventsTopic, "seedCommitted", json.writeValueAsString(value));
      }
      case TableEvent.SeedRevealed s -> {
        value.put("type", "seedRevealed");
        value.set("event", json.valueToTree(s));
        return new Row(eventsTopic, "seedRevealed", json.writeValueAsString(value));
      }
      case TableEvent.Listing l -> {
        return new Row(lobbyTopic, "listing", l.summary() == null ? null : listing(l.summary()));
      }
    }
  }

  /**
   * The lobby record: {@code {tableId, stakes, seats, seated}} plus the table's name, limits and
   * game.
   */
  private String listing(TableSummary s) throws JsonProcessingException {
    ObjectNode value = json.createObjectNode();
    value.put("tableId", s.tableId().toString());
    value.put("name", s.name());
    value.put("stakes", s.stakes());
    value.put("currency", s.currency());
    value.put("seats", s.seats());
    value.put("seated", s.seated());
    value.put("minBuyIn", s.minBuyIn());
    value.put("maxBuyIn", s.maxBuyIn());
    value.put("game", s.game());
    return json.writeValueAsString(value);
  }

  /** What a sealed record is bound to: {@code <tableId>/<hand>/<seat>/<playerId>}. */
  public static String associatedData(UUID tableId, PrivateDeal deal) {
    return tableId + "/" + deal.round() + "/" + deal.seat() + "/" + deal.playerId();
  }
}
