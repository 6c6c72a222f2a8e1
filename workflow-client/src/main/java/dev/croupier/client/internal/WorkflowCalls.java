package dev.croupier.client.internal;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side's calls into workflows, shared by the session and table facades: Updates retried
 * under the same update id until Temporal answers, and Temporal failures turned into a {@link
 * CroupierException} with a code from the catalogue. Client code only: nothing here may run inside
 * a workflow.
 */
public final class WorkflowCalls {
  private static final Logger log = LoggerFactory.getLogger(WorkflowCalls.class);
  private static final Duration PAUSE = Duration.ofMillis(50);

  /** The failure type an Update validator's failure arrives under in SDK 1.38 (see toCroupier). */
  static final String VALIDATOR_FAILURE_TYPE =
      "io.temporal.internal.worker.WorkflowExecutionException";

  private WorkflowCalls() {}

  /**
   * Starts an Update with {@code start} (a typed {@code WorkflowClient.startUpdate(stub::method,
   * …)} call) and waits for its result. A failure the workflow reported is thrown as {@link
   * #toCroupier} maps it ({@code INTERNAL} when it carries no code). When Temporal answers "not
   * found", {@code whenNotFound} gets the workflow's status ({@code null} when no such workflow
   * exists) and returns the exception to throw, or {@code null} when the workflow is still there
   * (the Update itself was not found: the run continued as new, or the server lost it). Anything
   * else is transient (the server restarted, a poll timed out) and the call is started again under
   * the same update id, which makes the retry safe, until {@code callTimeout} has passed: then it
   * fails with {@code UNAVAILABLE}.
   *
   * @param workflow the untyped view of the same workflow, to read its status
   * @param updateId the update id, for the log
   * @param target what the call is on, for the log (for example {@code "session <id>"})
   */
  public static <R> R update(
      Supplier<WorkflowUpdateHandle<R>> start,
      WorkflowStub workflow,
      String updateId,
      Duration callTimeout,
      String target,
      Function<WorkflowExecutionStatus, CroupierException> whenNotFound) {
    long deadline = System.nanoTime() + callTimeout.toNanos();
    while (true) {
      try {
        WorkflowUpdateHandle<R> handle = start.get();
        long left = Math.max(1, deadline - System.nanoTime());
        return handle.getResult(left, TimeUnit.NANOSECONDS);
      } catch (WorkflowUpdateException e) {
        throw toCroupier(e, ErrorCode.INTERNAL);
      } catch (RuntimeException e) {
        if (isNotFound(e)) {
          CroupierException gone = whenNotFound.apply(statusOf(workflow));
          if (gone != null) {
            throw gone;
          }
        }
        log.debug("update {} on {}: retrying after {}", updateId, target, e.toString());
        pauseUntil(deadline, "update " + updateId + " on " + target);
      }
    }
  }

  /**
   * The Temporal update id of a request: the request id plus a fingerprint of its payload. Temporal
   * answers a repeated update id with the first result whatever the arguments, so the same request
   * id with another payload gets its own update id, which the workflow's validator refuses with
   * {@code DUPLICATE_REQUEST}. Derived from the request only, so a retry reuses it.
   */
  public static String updateId(String requestId, String payload) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
      return requestId + "#" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether Temporal answered "not found": the SDK's {@link WorkflowNotFoundException}, or a gRPC
   * {@code NOT_FOUND} (an Update that is not, or no longer, known to the run). Which of the two is
   * decided by the workflow's status, not by the message.
   */
  public static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowNotFoundException) {
        return true;
      }
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return true;
      }
    }
    return false;
  }

  /**
   * Waits a little before the next try, or fails with {@code UNAVAILABLE} once {@code deadline} (a
   * {@link System#nanoTime()} value) has passed or the thread is interrupted.
   */
  public static void pauseUntil(long deadline, String what) {
    if (System.nanoTime() > deadline) {
      throw new CroupierException(ErrorCode.UNAVAILABLE, "Temporal did not answer: " + what);
    }
    LockSupport.parkNanos(PAUSE.toNanos());
    if (Thread.currentThread().isInterrupted()) {
      throw new CroupierException(ErrorCode.UNAVAILABLE, "interrupted: " + what);
    }
  }

  /**
   * The error code the first {@link ApplicationFailure} in the cause chain carries as its type,
   * else {@code fallback}. Workflows throw business failures typed with the code ({@code
   * WorkflowFailures.fail}); a failure of any other type is not a business outcome.
   *
   * <p>One exception, an SDK bug: Temporal Java SDK 1.38 reports a failure thrown by an Update
   * validator as an {@code ApplicationFailure} of type {@value #VALIDATOR_FAILURE_TYPE} that keeps
   * only the message (fixed upstream in temporalio/sdk-java#3001, not in a release yet). For that
   * type alone the code is read from the message, which {@code WorkflowFailures.fail} starts with
   * {@code "<CODE>: "}.
   */
  public static CroupierException toCroupier(Throwable failure, ErrorCode fallback) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af) {
        String message = String.valueOf(af.getOriginalMessage());
        Optional<ErrorCode> code = ErrorCode.named(af.getType());
        if (code.isEmpty() && VALIDATOR_FAILURE_TYPE.equals(af.getType())) {
          int colon = message.indexOf(':');
          code = colon > 0 ? ErrorCode.named(message.substring(0, colon)) : Optional.empty();
        }
        if (code.isPresent()) {
          return new CroupierException(code.get(), message);
        }
      }
    }
    StringBuilder chain = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      chain.append(chain.isEmpty() ? "" : " <- ").append(t);
    }
    return new CroupierException(fallback, chain.toString());
  }

  private static WorkflowExecutionStatus statusOf(WorkflowStub stub) {
    try {
      return stub.describe().getStatus();
    } catch (RuntimeException e) {
      if (isNotFound(e)) {
        return null;
      }
      throw e;
    }
  }
}
