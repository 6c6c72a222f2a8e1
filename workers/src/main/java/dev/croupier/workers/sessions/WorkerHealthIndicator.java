package dev.croupier.workers.sessions;

import io.temporal.worker.WorkerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code sessionWorker} in readiness: up while the worker factory polls the task queue. Down, it
 * says why: {@code WAITING_FOR_TEMPORAL} while the starter retries a Temporal that has not answered
 * (with the attempts so far), {@code OFF} before the start, {@code SHUT_DOWN} once stopped.
 */
final class WorkerHealthIndicator implements HealthIndicator {
  private final WorkerFactory factory;
  private final WorkerStarter starter;

  WorkerHealthIndicator(WorkerFactory factory, WorkerStarter starter) {
    this.factory = factory;
    this.starter = starter;
  }

  @Override
  public Health health() {
    WorkerStarter.State state = starter.state();
    if (state == WorkerStarter.State.POLLING && factory.isStarted() && !factory.isShutdown()) {
      return Health.up().withDetail("state", state.name()).build();
    }
    if (factory.isShutdown()) {
      return Health.down()
          .withDetail("state", "SHUT_DOWN")
          .withDetail("error", "the session worker has stopped")
          .build();
    }
    if (state == WorkerStarter.State.WAITING_FOR_TEMPORAL) {
      return Health.down()
          .withDetail("state", state.name())
          .withDetail("attempts", starter.attempts())
          .withDetail("error", "Temporal has not answered the worker's start yet")
          .build();
    }
    return Health.down()
        .withDetail("state", state.name())
        .withDetail("error", "the session worker is not polling its task queue")
        .build();
  }
}
