package dev.croupier.workers;

import dev.croupier.workers.sessions.WorkerStarter;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Liveness for the launcher and ops: the app is up; {@code sessionWorker} says whether the worker
 * polls, still waits for Temporal to answer its start ({@code WAITING_FOR_TEMPORAL}), or is off.
 */
@RestController
class HealthController {
  private final ObjectProvider<WorkerStarter> workers;

  HealthController(ObjectProvider<WorkerStarter> workers) {
    this.workers = workers;
  }

  @GetMapping("/health")
  Map<String, Object> health() {
    WorkerStarter starter = workers.getIfAvailable();
    return Map.of(
        "status",
        "UP",
        "sessionWorker",
        starter == null ? WorkerStarter.State.OFF.name() : starter.state().name());
  }
}
