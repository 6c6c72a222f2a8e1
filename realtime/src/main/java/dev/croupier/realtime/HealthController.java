package dev.croupier.realtime;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Liveness for the launcher and ops. */
@RestController
class HealthController {
  @GetMapping("/health")
  Map<String, Object> health() {
    return Map.of("status", "UP");
  }
}
