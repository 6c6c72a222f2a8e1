package dev.croupier.workflows.table;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.poker.Action;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.games.poker.TableView;
import dev.croupier.workflows.WorkflowCalls;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of poker tables, for the WebSocket gateway: opens a table, and sits, acts, sits
 * out, sits in, leaves and views for an authenticated player, turning every failure into a {@link
 * CroupierException} with a code from the catalogue. Thread-safe; one instance per process.
 *
 * <p>Every request carries a request id (the WebSocket message id), which is its idempotency key:
 * the same id again returns the first answer, the same id with another payload fails with {@code
 * DUPLICATE_REQUEST}. Calls that may have reached the server are retried with the same ids, so a
 * retry never acts twice; a call fails with {@code UNAVAILABLE} only when Temporal does not answer
 * within {@link Settings#callTimeout()}.
 *
 * <p>Every call but {@link #open} and {@link #summary} may fail with {@code UNKNOWN_TABLE} (no such
 * table) and {@code TABLE_CLOSED} (the table has closed).
 */
public final class PokerTables {
  private static final Logger log = LoggerFactory.getLogger(PokerTables.class);

  /**
   * How tables are started and called.
   *
   * @param taskQueue the task queue the table workers poll (the session task queue, configuration
   *     {@code croupier.temporal.task-queue})
   * @param workflowTaskTimeout how long a workflow task may run before another worker takes it
   * @param callTimeout how long one call may take, retries included
   */
  public record Settings(String taskQueue, Duration workflowTaskTimeout, Duration callTimeout) {
    public Settings {
      Objects.requireNonNull(taskQueue, "taskQueue");
      Objects.requireNonNull(workflowTaskTimeout, "workflowTaskTimeout");
      Objects.requireNonNull(callTimeout, "callTimeout");
    }

    /** Production defaults: 10 s workflow tasks, 60 s per call. */
    public static Settings of(String taskQueue) {
      return new Settings(taskQueue, Duration.ofSeconds(10), Duration.ofSeconds(60));
    }
  }

  private final WorkflowClient client;
  private final Settings settings;

  public PokerTables(WorkflowClient client, Settings settings) {
    this.client = Objects.requireNonNull(client);
    this.settings = Objects.requireNonNull(settings);
  }

  /**
   * Opens table {@code tableId} (workflow {@code table-<tableId>}) and waits until it deals.
   *
   * @throws CroupierException {@code SESSION_ALREADY_EXISTS} if the table id was used before (the
   *     id reuse policy rejects duplicates), {@code UNAVAILABLE}
   */
  public TableSummary open(UUID tableId, String name, TableConfig config, TableOptions options) {
    WorkflowOptions workflowOptions =
        WorkflowOptions.newBuilder()
            .setWorkflowId(TableStart.workflowId(tableId))
            .setTaskQueue(settings.taskQueue())
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setWorkflowTaskTimeout(settings.workflowTaskTimeout())
            .build();
    PokerTableWorkflow workflow = client.newWorkflowStub(PokerTableWorkflow.class, workflowOptions);
    try {
      WorkflowClient.start(workflow::run, new TableStart(tableId, name, config, options, null));
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new CroupierException(
          ErrorCode.SESSION_ALREADY_EXISTS, "table " + tableId + " already exists");
    }
    long deadline = System.nanoTime() + settings.callTimeout().toNanos();
    WorkflowStub stub = stub(tableId);
    while (true) {
      try {
        TableStatus status = stub.query("status", TableStatus.class);
        if (status.commitment() != null) {
          return stub.query("summary", TableSummary.class);
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
    return update(tableId, "sit", r, TableAck.class);
  }

  /**
   * A betting action (fold, check, call, bet, raise, all-in) for the seat to act.
   *
   * @throws CroupierException {@code NOT_YOUR_SEAT}, {@code NOT_YOUR_TURN}, {@code ILLEGAL_ACTION},
   *     {@code INVALID_AMOUNT}, {@code AMOUNT_ABOVE_STACK}, {@code RAISE_TOO_SMALL}, {@code
   *     DUPLICATE_REQUEST}, {@code UNAVAILABLE}
   */
  public TableAck act(UUID tableId, String playerId, String requestId, int seat, Action action) {
    TableRequest.Act r = new TableRequest.Act(requestId, playerId, seat, action);
    return update(tableId, "act", r, TableAck.class);
  }

  /** Stops being dealt in from the next hand. {@code NOT_YOUR_SEAT}, {@code ILLEGAL_ACTION}. */
  public TableAck sitOut(UUID tableId, String playerId, String requestId, int seat) {
    return change(tableId, playerId, requestId, seat, TableRequest.SeatChange.SIT_OUT);
  }

  /** Is dealt in again from the next hand. {@code NOT_YOUR_SEAT}, {@code ILLEGAL_ACTION}. */
  public TableAck sitIn(UUID tableId, String playerId, String requestId, int seat) {
    return change(tableId, playerId, requestId, seat, TableRequest.SeatChange.SIT_IN);
  }

  /**
   * Leaves: folds a live hand (an all-in hand is played out) and cashes the stack out to the
   * player's wallet. {@code NOT_YOUR_SEAT}, {@code ILLEGAL_ACTION} (already leaving).
   */
  public TableAck leave(UUID tableId, String playerId, String requestId, int seat) {
    return change(tableId, playerId, requestId, seat, TableRequest.SeatChange.LEAVE);
  }

  /**
   * The table as {@code playerId} sees it: own hole cards only (a spectator's view for a player
   * without a seat, or a null id).
   */
  public TableView view(UUID tableId, String playerId) {
    return query(tableId, "view", TableView.class, playerId);
  }

  /**
   * What {@code playerId} watching the table sees: {@link #view}, the lobby entry and the action
   * clock's deadline. A query: it writes nothing and may be called as often as events arrive.
   */
  public TableSnapshot snapshot(UUID tableId, String playerId) {
    return query(tableId, "snapshot", TableSnapshot.class, playerId);
  }

  /** The lobby entry of a table. */
  public TableSummary summary(UUID tableId) {
    return query(tableId, "summary", TableSummary.class);
  }

  /** The table's bookkeeping (escrow, chips in play, totals, seed commitment; no cards). */
  public TableStatus status(UUID tableId) {
    return query(tableId, "status", TableStatus.class);
  }

  /**
   * Closes the table: the running hand is played out, every seat cashed out, and the table's final
   * status returned. Idempotent.
   */
  public TableStatus close(UUID tableId) {
    WorkflowStub stub = stub(tableId);
    try {
      return updateRaw(tableId, "close", "close-" + tableId, TableStatus.class);
    } catch (CroupierException e) {
      if (e.code() != ErrorCode.TABLE_CLOSED) {
        throw e;
      }
      return stub.getResult(TableStatus.class);
    }
  }

  private TableAck change(
      UUID tableId, String playerId, String requestId, int seat, TableRequest.SeatChange change) {
    TableRequest.Change r = new TableRequest.Change(requestId, playerId, seat, change);
    return update(tableId, "change", r, TableAck.class);
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

  private <R> R update(UUID tableId, String name, TableRequest request, Class<R> type) {
    return updateRaw(tableId, name, updateId(request), type, request);
  }

  private <R> R updateRaw(
      UUID tableId, String name, String updateId, Class<R> type, Object... args) {
    WorkflowStub stub = stub(tableId);
    UpdateOptions<R> options =
        UpdateOptions.newBuilder(type)
            .setUpdateName(name)
            .setUpdateId(updateId)
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build();
    return WorkflowCalls.update(
        stub,
        options,
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
        },
        args);
  }

  private <R> R query(UUID tableId, String name, Class<R> type, Object... args) {
    try {
      return stub(tableId).query(name, type, args);
    } catch (WorkflowNotFoundException e) {
      throw new CroupierException(ErrorCode.UNKNOWN_TABLE, "no table " + tableId);
    } catch (RuntimeException e) {
      if (WorkflowCalls.isNotFound(e)) {
        throw new CroupierException(ErrorCode.UNKNOWN_TABLE, "no table " + tableId);
      }
      throw new CroupierException(ErrorCode.UNAVAILABLE, "query " + name + ": " + e);
    }
  }

  private WorkflowStub stub(UUID tableId) {
    return client.newUntypedWorkflowStub(TableStart.workflowId(tableId));
  }
}
