package dev.croupier.workflows;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.UpdateOptions;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side's calls into workflows, shared by the {@code GameSessions} and {@code
 * PokerTables} facades: Updates retried under the same update id until Temporal answers, and
 * Temporal failures turned into a {@link CroupierException} with a code from the catalogue. Client
 * code only: nothing here may run inside a workflow.
 */
public final class WorkflowCalls {
  private static final Logger log = LoggerFactory.getLogger(WorkflowCalls.class);
  private static final Duration PAUSE = Duration.ofMillis(50);

  private WorkflowCalls() {}

  /**
   * Runs the Update {@code options} with {@code args} on {@code stub} and waits for its result. A
   * failure the workflow reported is thrown as {@link #toCroupier} maps it ({@code INTERNAL} when
   * it carries no code). When Temporal reports the workflow not found, {@code whenNotFound} gets
   * its status ({@code null} when no such workflow exists) and returns the exception to throw, or
   * {@code null} when the workflow is still there. Anything else is transient (the server
   * restarted, the run continued as new, a poll timed out) and the call is retried under the same
   * update id, which makes the retry safe, until {@code callTimeout} has passed: then it fails with
   * {@code UNAVAILABLE}.
   *
   * @param target what the call is on, for the log (for example {@code "session <id>"})
   */
  public static <R> R update(
      WorkflowStub stub,
      UpdateOptions<R> options,
      Duration callTimeout,
      String target,
      Function<WorkflowExecutionStatus, CroupierException> whenNotFound,
      Object... args) {
    long deadline = System.nanoTime() + callTimeout.toNanos();
    while (true) {
      try {
        WorkflowUpdateHandle<R> handle = stub.startUpdate(options, args);
        long left = Math.max(1, deadline - System.nanoTime());
        return handle.getResult(left, TimeUnit.NANOSECONDS);
      } catch (WorkflowUpdateException e) {
        throw toCroupier(e, ErrorCode.INTERNAL);
      } catch (RuntimeException e) {
        if (isNotFound(e)) {
          CroupierException gone = whenNotFound.apply(statusOf(stub));
          if (gone != null) {
            throw gone;
          }
        }
        String what = options.getUpdateName() + " " + options.getUpdateId();
        log.debug("{} on {}: retrying after {}", what, target, e.toString());
        pauseUntil(deadline, what);
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
   * Whether {@code e} says the workflow does not exist (or has no running execution), as opposed to
   * an Update that is not found.
   */
  public static boolean isNotFound(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WorkflowNotFoundException) {
        return true;
      }
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.NOT_FOUND
          && !String.valueOf(s.getStatus().getDescription()).contains("update")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Sleeps a little before the next try, or fails with {@code UNAVAILABLE} once {@code deadline} (a
   * {@link System#nanoTime()} value) has passed or the thread is interrupted.
   */
  public static void pauseUntil(long deadline, String what) {
    if (System.nanoTime() > deadline) {
      throw new CroupierException(ErrorCode.UNAVAILABLE, "Temporal did not answer: " + what);
    }
    try {
      Thread.sleep(PAUSE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CroupierException(ErrorCode.UNAVAILABLE, "interrupted: " + what);
    }
  }

  /**
   * The error code an ApplicationFailure in the cause chain carries (as its type, or leading its
   * message: the SDK reports a validator's failure under its own type), else {@code fallback}.
   */
  public static CroupierException toCroupier(Throwable failure, ErrorCode fallback) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af) {
        String message = String.valueOf(af.getOriginalMessage());
        int colon = message.indexOf(':');
        String leading = colon > 0 ? message.substring(0, colon) : "";
        for (ErrorCode code : ErrorCode.values()) {
          if (code.name().equals(af.getType()) || code.name().equals(leading)) {
            return new CroupierException(code, message);
          }
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
