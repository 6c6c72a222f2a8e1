package dev.croupier.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the facades start and call workflows, the same for sessions and tables.
 *
 * @param taskQueue the task queue the workers poll (configuration {@code
 *     croupier.temporal.task-queue}; sessions and tables share it)
 * @param workflowTaskTimeout how long a workflow task may run before Temporal gives it to another
 *     worker: the stall after a worker crash
 * @param callTimeout how long one call (open, bet, move, close) may take, retries included
 */
public record CallSettings(String taskQueue, Duration workflowTaskTimeout, Duration callTimeout) {
  public CallSettings {
    Objects.requireNonNull(taskQueue, "taskQueue");
    Objects.requireNonNull(workflowTaskTimeout, "workflowTaskTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
  }

  /** Production defaults: 10 s workflow tasks, 60 s per call. */
  public static CallSettings of(String taskQueue) {
    return new CallSettings(taskQueue, Duration.ofSeconds(10), Duration.ofSeconds(60));
  }
}
