package dev.croupier.workflows.table;

import dev.croupier.games.api.GameRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The input of {@link TableWorkflow#run}: a new table, or, after continue-as-new, the same table
 * with the state the previous run carried over.
 *
 * @param tableId the table's id (a UUID; also the owner of its escrow account); the workflow id is
 *     {@code table-<tableId>}
 * @param name a display name for the lobby
 * @param game the table game and version the table plays to its end; tables opened before a table
 *     named its game read as {@link #LEGACY_GAME}, the one table game there was
 * @param config the game's settings as JSON values (for poker: blinds, seats, buy-ins, rake), fixed
 *     for the table's life
 * @param options the table's behaviour
 * @param carry null for a new table; the carried state on continue-as-new
 */
public record TableStart(
    UUID tableId,
    String name,
    GameRef game,
    Map<String, Object> config,
    TableOptions options,
    TableCarry carry) {

  /** The game of the tables recorded before {@code game} was part of the input. */
  public static final GameRef LEGACY_GAME = new GameRef("poker-nlhe", "1.0.0");

  public TableStart {
    Objects.requireNonNull(tableId, "tableId");
    Objects.requireNonNull(config, "config");
    name = name == null ? "table-" + tableId : name;
    game = game == null ? LEGACY_GAME : game;
    // Keeps the key order: the input of the next run is written from it.
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    options = options == null ? TableOptions.DEFAULTS : options;
  }

  /** The workflow id of a table. */
  public static String workflowId(UUID tableId) {
    return "table-" + tableId;
  }

  TableStart continued(TableCarry next) {
    return new TableStart(tableId, name, game, config, options, next);
  }
}
