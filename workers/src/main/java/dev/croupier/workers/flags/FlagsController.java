package dev.croupier.workers.flags;

import dev.croupier.flags.FlagState;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What this worker node believes about each flag: {@code {key: {enabled, version, updatedAt}}}. */
@RestController
class FlagsController {
  private final WorkerFlags flags;

  FlagsController(WorkerFlags flags) {
    this.flags = flags;
  }

  @GetMapping("/flags")
  Map<String, Map<String, Object>> flags() {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    for (FlagState s : flags.read().values()) {
      out.put(
          s.key(),
          Map.of(
              "enabled",
              s.enabled(),
              "version",
              s.version(),
              "updatedAt",
              s.updatedAt().toString()));
    }
    return out;
  }
}
