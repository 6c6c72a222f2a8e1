package dev.croupier.client.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.croupier.client.tables.GameTables;
import dev.croupier.games.poker.Action;
import dev.croupier.games.poker.PokerGame;
import dev.croupier.games.poker.PokerViews;
import dev.croupier.games.poker.PublicEvent;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.games.poker.TableView;
import dev.croupier.workflows.table.TableAck;
import dev.croupier.workflows.table.TableEvent;
import dev.croupier.workflows.table.TableOptions;
import dev.croupier.workflows.table.TableSnapshot;
import dev.croupier.workflows.table.TableStatus;
import dev.croupier.workflows.table.TableSummary;
import java.util.Map;
import java.util.UUID;

/**
 * Poker through the generic {@link GameTables} facade, with the engine's own types: the bots of the
 * table tests and benchmarks play as a client would, sending moves and reading views, and read them
 * as poker records. Needs the poker plugin on the class path.
 */
public final class PokerTableClient {
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final GameTables tables;

  public PokerTableClient(GameTables tables) {
    this.tables = tables;
  }

  /** The facade underneath. */
  public GameTables tables() {
    return tables;
  }

  public TableSummary open(UUID tableId, String name, TableConfig config, TableOptions options) {
    return tables.open(tableId, name, PokerGame.REF, PokerGame.config(config), options);
  }

  public TableAck sit(UUID tableId, String playerId, String requestId, int seat, long buyIn) {
    return tables.sit(tableId, playerId, requestId, seat, buyIn);
  }

  public TableAck act(UUID tableId, String playerId, String requestId, int seat, Action action) {
    return tables.act(tableId, playerId, requestId, seat, move(action));
  }

  public TableAck sitOut(UUID tableId, String playerId, String requestId, int seat) {
    return tables.sitOut(tableId, playerId, requestId, seat);
  }

  public TableAck sitIn(UUID tableId, String playerId, String requestId, int seat) {
    return tables.sitIn(tableId, playerId, requestId, seat);
  }

  public TableAck leave(UUID tableId, String playerId, String requestId, int seat) {
    return tables.leave(tableId, playerId, requestId, seat);
  }

  public TableStatus status(UUID tableId) {
    return tables.status(tableId);
  }

  public TableSummary summary(UUID tableId) {
    return tables.summary(tableId);
  }

  public TableStatus close(UUID tableId) {
    return tables.close(tableId);
  }

  /** The table as the engine's view for {@code playerId} (a spectator's for null). */
  public TableView view(UUID tableId, String playerId) {
    return poker(tables.view(tableId, playerId));
  }

  /** The snapshot, with its view as the engine's. */
  public Snapshot snapshot(UUID tableId, String playerId) {
    TableSnapshot s = tables.snapshot(tableId, playerId);
    return new Snapshot(
        s.summary(),
        poker(s.view()),
        s.eventSeq(),
        s.actionTimeoutMillis(),
        s.turnDeadlineMillis(),
        s.closing(),
        s.seedEpoch(),
        s.revealedEpochs());
  }

  /** A snapshot as {@link TableSnapshot}, with the engine's view. */
  public record Snapshot(
      TableSummary summary,
      TableView view,
      long eventSeq,
      long actionTimeoutMillis,
      long turnDeadlineMillis,
      boolean closing,
      dev.croupier.workflows.table.SeedEpoch seedEpoch,
      java.util.List<dev.croupier.workflows.table.SeedEpoch> revealedEpochs) {}

  /** The platform's view as the engine's. */
  public static TableView poker(dev.croupier.workflows.table.TableView v) {
    return PokerViews.read(v.viewerSeat(), v.round(), v.seats(), v.game());
  }

  /** The move of an action as the platform carries it. */
  public static Map<String, Object> move(Action action) {
    return PokerGame.move(action).toJson();
  }

  /** A public table event as the engine's record. */
  public static PublicEvent event(TableEvent.Public e) {
    return JSON.convertValue(e.event(), PublicEvent.class);
  }

  /** A public event as the engine's record, from the JSON of a {@code table.events} record. */
  public static PublicEvent event(Map<String, Object> json) {
    return JSON.convertValue(json, PublicEvent.class);
  }
}
