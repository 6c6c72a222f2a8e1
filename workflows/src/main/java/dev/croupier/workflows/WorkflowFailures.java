package dev.croupier.workflows;

import dev.croupier.errors.ErrorCode;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/** Business failures as the workflows throw them, and what a failed activity says. */
public final class WorkflowFailures {
  private WorkflowFailures() {}

  /**
   * A non-retryable failure typed with {@code code}. The code also leads the message: the SDK
   * (1.38) reports a validator's failure under its own type, keeping only the message.
   */
  public static ApplicationFailure fail(ErrorCode code, String message) {
    return ApplicationFailure.newNonRetryableFailure(code.name() + ": " + message, code.name());
  }

  /** The type of the application failure that failed the activity, or {@code null}. */
  public static String failureType(ActivityFailure f) {
    return f.getCause() instanceof ApplicationFailure af ? af.getType() : null;
  }

  /** Whether {@code code} names an {@link ErrorCode}. */
  public static boolean isCatalogued(String code) {
    return ErrorCode.named(code).isPresent();
  }
}
