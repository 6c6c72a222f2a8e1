package dev.croupier.activities.table;

import static dev.croupier.db.jooq.game.Tables.TABLE_EVENT_OUTBOX;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.croupier.games.poker.HoleCardsDealt;
import dev.croupier.workflows.table.TableEvent;
import dev.croupier.workflows.table.TableEventActivities;
import dev.croupier.workflows.table.TableEventBatch;
import dev.croupier.workflows.table.TableSummary;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Writes a table's events to {@code game.table_event_outbox} in one transaction, once per {@code
 * (table_id, seq)}. Record values are JSON; see the workers' table README for the formats. Hole
 * cards are sealed here, before anything is written: the outbox and the topic never hold them in
 * the clear.
 */
public final class TableEventActivitiesImpl implements TableEventActivities {
  /** The record type of sealed hole cards on {@code table.events}. */
  public static final String HOLE_CARDS_SEALED = "holeCardsSealed";

  private final DSLContext dsl;
  private final ObjectMapper json;
  private final HoleCardSealer sealer;
  private final String eventsTopic;
  private final String lobbyTopic;

  /**
   * @param eventsTopic {@code table.events}
   * @param lobbyTopic {@code lobby.tables}
   */
  public TableEventActivitiesImpl(
      DSLContext dsl,
      ObjectMapper json,
      HoleCardSealer sealer,
      String eventsTopic,
      String lobbyTopic) {
    this.dsl = dsl;
    this.json = json;
    this.sealer = sealer;
    this.eventsTopic = eventsTopic;
    this.lobbyTopic = lobbyTopic;
  }

  @Override
  public void append(TableEventBatch batch) {
    dsl.transaction(
        c -> {
          for (TableEvent e : batch.events()) {
            Row row = row(batch.tableId(), e);
            c.dsl()
                .insertInto(TABLE_EVENT_OUTBOX)
                .set(TABLE_EVENT_OUTBOX.TABLE_ID, batch.tableId())
                .set(TABLE_EVENT_OUTBOX.SEQ, e.seq())
                .set(TABLE_EVENT_OUTBOX.TOPIC, row.topic())
                .set(TABLE_EVENT_OUTBOX.TYPE, row.type())
                .set(TABLE_EVENT_OUTBOX.HAND_NUMBER, e.handNumber())
                .set(TABLE_EVENT_OUTBOX.PAYLOAD, row.payload())
                .onConflictDoNothing()
                .execute();
          }
        });
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
      case TableEvent.HoleCards h -> {
        HoleCardsDealt cards = h.cards();
        value.put("type", HOLE_CARDS_SEALED);
        value.put("seat", cards.seat());
        value.put("playerId", cards.playerId());
        byte[] plaintext = json.writeValueAsString(cards.cards()).getBytes(StandardCharsets.UTF_8);
        HoleCardSealer.Sealed sealed = sealer.seal(plaintext, associatedData(tableId, cards));
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
   * The lobby record: {@code {tableId, stakes, seats, seated}} plus the table's name and limits.
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
    return json.writeValueAsString(value);
  }

  /** What a sealed record is bound to: {@code <tableId>/<hand>/<seat>/<playerId>}. */
  public static String associatedData(UUID tableId, HoleCardsDealt cards) {
    return tableId + "/" + cards.handNumber() + "/" + cards.seat() + "/" + cards.playerId();
  }
}
