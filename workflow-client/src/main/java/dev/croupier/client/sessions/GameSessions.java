package dev.croupier.client.sessions;

import dev.croupier.client.CallSettings;
import dev.croupier.client.internal.WorkflowCalls;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.Wager;
import dev.croupier.workflows.session.BetOutcome;
import dev.croupier.workflows.session.BetRequest;
import dev.croupier.workflows.session.ClientSeedRequest;
import dev.croupier.workflows.session.CloseRequest;
import dev.croupier.workflows.session.GameSessionWorkflow;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.SessionOptions;
import dev.croupier.workflows.session.SessionSearchAttributes;
import dev.croupier.workflows.session.SessionStart;
import dev.croupier.workflows.session.SessionStatus;
import dev.croupier.workflows.session.SessionSummary;
import dev.croupier.workflows.session.SessionView;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of game sessions, for the WebSocket gateway: opens a session, places bets and
 * closes it, and turns every failure into a {@link CroupierException} with a code from the
 * catalogue. Thread-safe; one instance per process.
 *
 * <p>Calls that may have reached the server are retried with the same ids (the workflow id and the
 * request id), so a retry never plays a round twice. A call fails with {@code UNAVAILABLE} only
 * when Temporal does not answer within {@link CallSettings#callTimeout()}; the caller may then
 * repeat it with the same request id.
 */
public final class GameSessions {
  private static final Logger log = LoggerFactory.getLogger(GameSessions.class);

  private final WorkflowClient client;
  private final CallSettings settings;

  public GameSessions(WorkflowClient client, CallSettings settings) {
    this.client = Objects.requireNonNull(client);
    this.settings = Objects.requireNonNull(settings);
  }

  /**
   * Opens a session with a new UUIDv7 id and waits until it has its commitment.
   *
   * @throws CroupierException {@code UNKNOWN_GAME}, {@code UNKNOWN_GAME_VERSION}, {@code
   *     VALIDATION_FAILED} (bad client seed), {@code UNAVAILABLE}
   */
  public OpenedSession open(UUID userId, GameRef game, String clientSeed, SessionOptions options) {
    return open(SessionIds.newSessionId(), userId, game, clientSeed, options);
  }

  /**
   * Opens the session {@code sessionId}. Starting the same id twice fails with {@code
   * SESSION_ALREADY_EXISTS}, also after the first one closed (the id reuse policy rejects
   * duplicates).
   */
  public OpenedSession open(
      UUID sessionId, UUID userId, GameRef game, String clientSeed, SessionOptions options) {
    WorkflowOptions workflowOptions =
        WorkflowOptions.newBuilder()
            .setWorkflowId(SessionStart.workflowId(sessionId))
            .setTaskQueue(settings.taskQueue())
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setWorkflowTaskTimeout(settings.workflowTaskTimeout())
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(SessionSearchAttributes.USER_ID, userId.toString())
                    .set(SessionSearchAttributes.GAME_ID, game.toString())
                    .set(SessionSearchAttributes.STATUS, SessionStatus.OPEN.name())
                    .build())
            .build();
    GameSessionWorkflow workflow =
        client.newWorkflowStub(GameSessionWorkflow.class, workflowOptions);
    SessionStart start = new SessionStart(sessionId, userId, game, clientSeed, options, null);
    try {
      WorkflowClient.start(workflow::run, start);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new CroupierException(
          ErrorCode.SESSION_ALREADY_EXISTS, "session " + sessionId + " already exists");
    }
    long deadline = System.nanoTime() + settings.callTimeout().toNanos();
    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    while (true) {
      try {
        SessionView view = workflow.state();
        if (view.ready()) {
          return new OpenedSession(
              sessionId, game, view.commitment(), view.clientSeed(), view.balance());
        }
      } catch (RuntimeException notYet) {
        log.debug("session {} not ready yet: {}", sessionId, notYet.toString());
      }
      WorkflowExecutionStatus status = stub.describe().getStatus();
      if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        try {
          stub.getResult(1, TimeUnit.MILLISECONDS, SessionSummary.class);
        } catch (WorkflowFailedException e) {
          throw WorkflowCalls.toCroupier(e, ErrorCode.INTERNAL);
        } catch (TimeoutException | RuntimeException e) {
          throw new CroupierException(ErrorCode.INTERNAL, "session failed to open: " + status);
        }
        throw new CroupierException(ErrorCode.SESSION_CLOSED, "session closed while opening");
      }
      WorkflowCalls.pauseUntil(deadline, "open " + sessionId);
    }
  }

  /**
   * Places one bet. The update id is {@code requestId} (the WebSocket message id): the same id
   * again returns the same outcome, the same id with another wager fails with {@code
   * DUPLICATE_REQUEST}.
   *
   * @throws CroupierException {@code UNKNOWN_SESSION}, {@code NOT_YOUR_SESSION}, {@code
   *     SESSION_CLOSED}, {@code ROUND_IN_PROGRESS}, {@code WRONG_CURRENCY}, {@code INVALID_WAGER},
   *     {@code BET_BELOW_MINIMUM}, {@code BET_ABOVE_MAXIMUM}, {@code INSUFFICIENT_FUNDS}, {@code
   *     DUPLICATE_REQUEST}, {@code UNAVAILABLE}
   */
  public BetOutcome placeBet(UUID userId, UUID sessionId, String requestId, Wager wager) {
    BetRequest request = BetRequest.single(requestId, userId, wager);
    GameSessionWorkflow session = session(sessionId);
    return update(
        sessionId,
        updateId(request),
        options -> WorkflowClient.startUpdate(session::placeBet, request, options));
  }

  /**
   * Plays up to {@code spins} rounds in one request, each posted as its own round. Fails with
   * {@code FEATURE_DISABLED} when the session's auto-spin flag is off.
   */
  public BetOutcome autoSpin(
      UUID userId, UUID sessionId, String requestId, Wager wager, int spins) {
    BetRequest request = new BetRequest(requestId, userId, wager, spins);
    GameSessionWorkflow session = session(sessionId);
    return update(
        sessionId,
        updateId(request),
        options -> WorkflowClient.startUpdate(session::placeBet, request, options));
  }

  /**
   * The Temporal update id of a bet: the request id plus a fingerprint of the payload. Temporal
   * answers a repeated update id with the first result whatever the arguments, so the same request
   * id with another payload gets its own update id, and the workflow's validator refuses it with
   * {@code DUPLICATE_REQUEST}. Derived from the request only, so a retry reuses it.
   */
  public static String updateId(BetRequest request) {
    String payload =
        request.userId()
            + "|"
            + request.wager().amount()
            + "|"
            + request.wager().currency()
            + "|"
            + request.spins();
    return WorkflowCalls.updateId(request.requestId(), payload);
  }

  /**
   * Closes the session and returns its summary with the revealed server seed. Idempotent: closing a
   * closed session returns its summary.
   */
  public SessionSummary close(UUID userId, UUID sessionId) {
    GameSessionWorkflow session = session(sessionId);
    CloseRequest request = new CloseRequest(userId);
    try {
      return update(
          sessionId,
          "close-" + sessionId,
          options -> WorkflowClient.startUpdate(session::close, request, options));
    } catch (CroupierException e) {
      if (e.code() != ErrorCode.SESSION_CLOSED) {
        throw e;
      }
      SessionSummary summary = WorkflowStub.fromTyped(session).getResult(SessionSummary.class);
      if (!summary.userId().equals(userId)) {
        throw new CroupierException(ErrorCode.NOT_YOUR_SESSION, "not your session");
      }
      return summary;
    }
  }

  /** The session as a reconnecting client needs it. */
  public SessionView state(UUID userId, UUID sessionId) {
    try {
      SessionView view = session(sessionId).state();
      if (!view.userId().equals(userId)) {
        throw new CroupierException(ErrorCode.NOT_YOUR_SESSION, "not your session");
      }
      return view;
    } catch (WorkflowNotFoundException e) {
      throw new CroupierException(ErrorCode.UNKNOWN_SESSION, "no session " + sessionId);
    }
  }

  /**
   * Sets the session's client seed before its first round, as an Update: the answer is the seed in
   * force. The update id is {@code requestId} with a fingerprint of the seed, so a retry with the
   * same id and seed gets the same answer.
   *
   * @throws CroupierException {@code UNKNOWN_SESSION}, {@code NOT_YOUR_SESSION}, {@code
   *     SESSION_CLOSED}, {@code VALIDATION_FAILED} (not 1-64 printable ASCII characters), {@code
   *     CLIENT_SEED_LOCKED} (a round was played), {@code UNAVAILABLE}
   */
  public String chooseClientSeed(UUID userId, UUID sessionId, String requestId, String clientSeed) {
    ClientSeedRequest request = new ClientSeedRequest(userId, clientSeed);
    GameSessionWorkflow session = session(sessionId);
    return update(
        sessionId,
        WorkflowCalls.updateId("seed-" + requestId, userId + "|" + clientSeed),
        options -> WorkflowClient.startUpdate(session::chooseClientSeed, request, options));
  }

  /** Sets the client seed of the next rounds (fire-and-forget). */
  public void changeClientSeed(UUID userId, UUID sessionId, String clientSeed) {
    state(userId, sessionId);
    session(sessionId).changeClientSeed(clientSeed);
  }

  /** A typed stub of a running session, for its queries, signals and Updates. */
  private GameSessionWorkflow session(UUID sessionId) {
    return client.newWorkflowStub(GameSessionWorkflow.class, SessionStart.workflowId(sessionId));
  }

  /** Runs a typed Update started by {@code start} with the options of {@code updateId}. */
  private <R> R update(
      UUID sessionId, String updateId, Function<UpdateOptions<R>, WorkflowUpdateHandle<R>> start) {
    UpdateOptions<R> options =
        UpdateOptions.<R>newBuilder()
            .setUpdateId(updateId)
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build();
    return WorkflowCalls.update(
        () -> start.apply(options),
        client.newUntypedWorkflowStub(SessionStart.workflowId(sessionId)),
        updateId,
        settings.callTimeout(),
        "session " + sessionId,
        status -> {
          if (status == null) {
            return new CroupierException(ErrorCode.UNKNOWN_SESSION, "no session " + sessionId);
          }
          if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            return new CroupierException(ErrorCode.SESSION_CLOSED, "the session is closed");
          }
          return null;
        });
  }
}
