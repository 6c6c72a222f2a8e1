package dev.croupier.client.tables;

import dev.croupier.client.CallSettings;
import dev.croupier.client.internal.WorkflowCalls;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.GameRef;
import dev.croupier.workflows.table.TableAck;
import dev.croupier.workflows.table.TableOptions;
import dev.croupier.workflows.table.TableRequest;
import dev.croupier.workflows.table.TableSnapshot;
import dev.croupier.workflows.table.TableStart;
import dev.croupier.workflows.table.TableStatus;
import dev.croupier.workflows.table.TableSummary;
import dev.croupier.workflows.table.TableView;
import dev.croupier.workflows.table.TableWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of game tables, for the WebSocket gateway and the workers: opens a table of any
 * table game, and sits, moves, sits out, sits in, leaves and views for an authenticated player,
 * turning every failure into a {@link CroupierException} with a code from the catalogue.
 * Thread-safe; one instance per process.
 *
 * <p>Every request carries a request id (the WebSocket message id), which is its idempotency key:
 * the same id again returns the first answer, the same id with another payload fails with {@code
 * DUPLICATE_REQUEST}. Calls that may have reached the server are retried with the same ids, so a
 * retry never acts twice; a call fails with {@code UNAVAILABLE} only when Temporal does not answer
 * within {@link CallSettings#callTimeout()}.
 *
 * <p>Every call but {@link #open} and {@link #summary} may fail with {@code UNKNOWN_TABLE} (no such
 * table) and {@code TABLE_CLOSED} (the table has closed).
 */
public final class GameTables {
  private static final Logger log = LoggerFactory.getLogger(GameTables.class);

  private final WorkflowClient client;
  private final CallSettings settings;

  public GameTables(WorkflowClient client, CallSettings settings) {
    this.client = Objects.requireNonNull(client);
    this.settings = Objects.requireNonNull(settings);
  }

  /**
   * Opens table {@code tableId} (workflow {@code table-<tableId>}) of {@code game} and waits until
   * it deals.
   *
   * @param config the game's settings as JSON values (for poker, {@code TableConfig}'s fields)
   * @throws CroupierException {@code SESSION_ALREADY_EXISTS} if the table id was used before (the
   *     id reuse policy rejects duplicates), {@code UNAVAILABLE}
   */
  public TableSummary open(
      UUID tableId, String name, GameRef game, Map<String, Object> config, TableOptions options) {
    WorkflowOptions workflowOptions =
        WorkflowOptions.newBuilder()
            .setWorkflowId(TableStart.workflowId(tableId))
            .setTaskQueue(settings.taskQueue())
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setWorkflowTaskTimeout(settings.workflowTaskTimeout())
            .build();
    TableWorkflow workflow = client.newWorkflowStub(TableWorkflow.class, workflowOptions);
    try {
      WorkflowClient.start(
          workflow::run, new TableStart(tableId, name, game, config, options, null));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new CroupierException(
          ErrorCode.SESSION_ALREADY_EXISTS, "table " + tableId + " already exists");
    }
    long deadline = System.nanoTime() + settings.callTimeout().toNanos();
    while (true) {
      try {
        if (workflow.status().commitment() != null) {
          return workflow.summary();
        }
      } catch (RuntimeException notYet) {
        log.debug("table {} not ready yet: {}", tableId, notYet.toString());
      }
      WorkflowCalls.pauseUntil(deadline, "open " + tableId);
    }
  }

  /**
   * Sits {@code playerId} at {@code seat} with {@code buyIn} chips from their wallet.
   *
   * @throws CroupierException {@code SEAT_TAKEN}, {@code ALREADY_SEATED}, {@code
   *     BUY_IN_OUT_OF_RANGE}, {@code VALIDATION_FAILED} (no such seat), {@code INSUFFICIENT_FUNDS}
   *     (nothing posted, seat stays free), {@code DUPLICATE_REQUEST}, {@code UNAVAILABLE}
   */
  public TableAck sit(UUID tableId, String playerId, String requestId, int seat, long buyIn) {
    TableRequest.Sit r = new TableRequest.Sit(requestId, playerId, seat, buyIn);
    TableWorkflow table = table(tableId);
    return update(tableId, updateId(r), o -> WorkflowClient.startUpdate(table::sit, r, o));
  }

  /**
   * A move of the table's game for the seat to act, as JSON values {@code {"type": …, …}} (for
   * poker: fold, check, call, bet and raise with an {@code amount}, all-in).
   *
   * @throws CroupierException {@code NOT_YOUR_SEAT}, {@code NOT_YOUR_TURN}, {@code ILLEGAL_ACTION},
   *     {@code VALIDATION_FAILED} (a move the game does not know), {@code MALFORMED_MESSAGE} (a
   *     missing argument), {@code INVALID_AMOUNT}, the game's own codes (for poker {@code
   *     AMOUNT_ABOVE_STACK}, {@code RAISE_TOO_SMALL}), {@code DUPLICATE_REQUEST}, {@code
   *     UNAVAILABLE}
   */
  public TableAck act(
      UUID tableId, String playerId, String requestId, int seat, Map<String, Object> move) {
    TableRequest.Act r = new TableRequest.Act(requestId, playerId, seat, move);
    TableWorkflow table = table(tableId);
    return update(tableId, updateId(r), o -> WorkflowClient.startUpdate(table::act, r, o));
  }

  /** Stops being dealt in from the next round. {@code NOT_YOUR_SEAT}, {@code ILLEGAL_ACTION}. */
  public TableAck sitOut(UUID tableId, String playerId, String requestId, int seat) {
    return change(tableId, playerId, requestId, seat, TableRequest.SeatChange.SIT_OUT);
  }

  /** Is dealt in again from the next round. {@code NOT_YOUR_SEAT}, {@code ILLEGAL_ACTION}. */
  public TableAck sitIn(UUID tableId, String playerId, String requestId, int seat) {
    return change(tableId, playerId, requestId, seat, TableRequest.SeatChange.SIT_IN);
  }

  /**
   * Leaves: folds a live round (an all-in hand is played out) and cashes the stack out to the
   * player's wallet. {@code NOT_YOUR_SEAT}, {@code ILLEGAL_ACTION} (already leaving).
   */
  public TableAck leave(UUID tableId, String playerId, String requestId, int seat) {
    return change(tableId, playerId, requestId, seat, TableRequest.SeatChange.LEAVE);
  }

  /**
   * The table as {@code playerId} sees it: own private cards only (a spectator's view for a player
   * without a seat, or a null id).
   */
  public TableView view(UUID tableId, String playerId) {
    return query(tableId, "view", () -> table(tableId).view(playerId));
  }

  /**
   * What {@code playerId} watching the table sees: {@link #view}, the lobby entry and the action
   * clock's deadline. A query: it writes nothing and may be called as often as events arrive.
   */
  public TableSnapshot snapshot(UUID tableId, String playerId) {
    return query(tableId, "snapshot", () -> table(tableId).snapshot(playerId));
  }

  /** The lobby entry of a table. */
  public TableSummary summary(UUID tableId) {
    return query(tableId, "summary", () -> table(tableId).summary());
  }

  /** The table's bookkeeping (escrow, chips in play, totals, seed commitment; no cards). */
  public TableStatus status(UUID tableId) {
    return query(tableId, "status", () -> table(tableId).status());
  }

  /**
   * Closes the table: the running round is played out, every seat cashed out, and the table's final
   * status returned. Idempotent.
   */
  public TableStatus close(UUID tableId) {
    TableWorkflow table = table(tableId);
    try {
      return update(tableId, "close-" + tableId, o -> WorkflowClient.startUpdate(table::close, o));
    } catch (CroupierException e) {
      if (e.code() != ErrorCode.TABLE_CLOSED) {
        throw e;
      }
      return WorkflowStub.fromTyped(table).getResult(TableStatus.class);
    }
  }

  private TableAck change(
      UUID tableId, String playerId, String requestId, int seat, TableRequest.SeatChange change) {
    TableRequest.Change r = new TableRequest.Change(requestId, playerId, seat, change);
    TableWorkflow table = table(tableId);
    return update(tableId, updateId(r), o -> WorkflowClient.startUpdate(table::change, r, o));
  }

  /**
   * The Temporal update id of a request: the request id plus a fingerprint of the payload, so the
   * same request id with another payload gets its own update id, which the workflow's validator
   * refuses with {@code DUPLICATE_REQUEST} (Temporal answers a repeated update id with the first
   * result whatever the arguments).
   */
  public static String updateId(TableRequest request) {
    return WorkflowCalls.updateId(request.requestId(), request.fingerprint());
  }

  private <R> R update(
      UUID tableId, String updateId, Function<UpdateOptions<R>, WorkflowUpdateHandle<R>> start) {
    UpdateOptions<R> options =
        UpdateOptions.<R>newBuilder()
            .setUpdateId(updateId)
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build();
    return WorkflowCalls.update(
        () -> start.apply(options),
        client.newUntypedWorkflowStub(TableStart.workflowId(tableId)),
        updateId,
        settings.callTimeout(),
        "table " + tableId,
        status -> {
          if (status == null) {
            return new CroupierException(ErrorCode.UNKNOWN_TABLE, "no table " + tableId);
          }
          if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
              && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
            return new CroupierException(ErrorCode.TABLE_CLOSED, "the table is closed");
          }
          return null;
        });
  }

  private <R> R query(UUID tableId, String name, Supplier<R> query) {
    try {
      return query.get();
    } catch (WorkflowNotFoundException e) {
      throw new CroupierException(ErrorCode.UNKNOWN_TABLE, "no table " + tableId);
    } catch (RuntimeException e) {
      if (WorkflowCalls.isNotFound(e)) {
        throw new CroupierException(ErrorCode.UNKNOWN_TABLE, "no table " + tableId);
      }
      throw new CroupierException(ErrorCode.UNAVAILABLE, "query " + name + ": " + e);
    }
  }

  /** A typed stub of a table, for its queries and Updates. */
  private TableWorkflow table(UUID tableId) {
    return client.newWorkflowStub(TableWorkflow.class, TableStart.workflowId(tableId));
  }
}
