package dev.croupier.workers.sessions;

import io.temporal.worker.WorkerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code sessionWorker} in readiness: up while the worker factory polls the task queue (it starts
 * once the context is ready and is shut down first on stop).
 */
final class WorkerHealthIndicator implements HealthIndicator {
  private final WorkerFactory factory;

  WorkerHealthIndicator(WorkerFactory factory) {
    this.factory = factory;
  }

  @Override
  public Health health() {
    if (factory.isStarted() && !factory.isShutdown()) {
      return Health.up().withDetail("state", "POLLING").build();
    }
    return Health.down()
        .withDetail("state", factory.isShutdown() ? "SHUT_DOWN" : "NOT_STARTED")
        .withDetail("error", "the session worker is not polling its task queue")
        .build();
  }
}
