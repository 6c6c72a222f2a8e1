package dev.croupier.workflows.table;

import dev.croupier.games.poker.TableConfig;
import java.util.Objects;
import java.util.UUID;

/**
 * The input of {@link PokerTableWorkflow#run}: a new table, or, after continue-as-new, the same
 * table with the state the previous run carried over.
 *
 * @param tableId the table's id (a UUID; also the owner of its escrow account); the workflow id is
 *     {@code table-<tableId>}
 * @param name a display name for the lobby
 * @param config stakes, seats and buy-in limits, fixed for the table's life
 * @param options the table's behaviour
 * @param carry null for a new table; the carried state on continue-as-new
 */
public record TableStart(
    UUID tableId, String name, TableConfig config, TableOptions options, TableCarry carry) {
  public TableStart {
    Objects.requireNonNull(tableId, "tableId");
    Objects.requireNonNull(config, "config");
    name = name == null ? "table-" + tableId : name;
    options = options == null ? TableOptions.DEFAULTS : options;
  }

  /** The workflow id of a table. */
  public static String workflowId(UUID tableId) {
    return "table-" + tableId;
  }

  TableStart continued(TableCarry next) {
    return new TableStart(tableId, name, config, options, next);
  }
}
