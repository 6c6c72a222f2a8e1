package dev.croupier.workflows;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** The local activity options the session and table workflows share, as builders to finish. */
public final class LocalActivities {
  private LocalActivities() {}

  /** A quick in-process call (seeds, a plugin): 5 s an attempt, 3 attempts. */
  public static LocalActivityOptions.Builder quick() {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(5))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build());
  }

  /**
   * A call to the wallet or the database: 10 s an attempt, 10 attempts 100 ms to 3 s apart (about
   * 20 s of retries in all). Markers keep results only: the SDK never reads recorded arguments, so
   * histories stay smaller and hold no seeds, outcomes or hole cards a second time.
   */
  public static LocalActivityOptions.Builder retried() {
    return LocalActivityOptions.newBuilder()
        .setDoNotIncludeArgumentsIntoMarker(true)
        .setStartToCloseTimeout(Duration.ofSeconds(10))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(100))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(3))
                .setMaximumAttempts(10)
                .build());
  }
}
