package dev.croupier.workers;

import io.temporal.worker.WorkerFactory;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness for the launcher and ops: up once the worker polls (or when polling is off). */
@RestController
class HealthController {
  private final ObjectProvider<WorkerFactory> workers;

  HealthController(ObjectProvider<WorkerFactory> workers) {
    this.workers = workers;
  }

  @GetMapping("/health")
  Map<String, Object> health() {
    WorkerFactory factory = workers.getIfAvailable();
    boolean polling = factory != null && factory.isStarted() && !factory.isShutdown();
    return Map.of("status", "UP", "sessionWorker", polling ? "POLLING" : "OFF");
  }
}
