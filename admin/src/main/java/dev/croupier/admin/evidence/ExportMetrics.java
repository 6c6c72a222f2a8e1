package dev.croupier.admin.evidence;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The exports' meters: {@code croupier.admin.evidence.exports{scope,outcome}} (sealed, or refused
 * before anything started) and {@code croupier.admin.evidence.export.duration{scope}} (from the
 * request to the sealed bundle). The scope tag is the kind ({@code session}, {@code table}, {@code
 * player}), never an id.
 */
final class ExportMetrics {
  private final MeterRegistry meters;

  ExportMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void sealed(String scope, Duration took) {
    meters
        .counter("croupier.admin.evidence.exports", "scope", scope, "outcome", "sealed")
        .increment();
    Timer.builder("croupier.admin.evidence.export.duration")
        .description("From an export's request to its sealed bundle")
        .tag("scope", scope)
        .register(meters)
        .record(took);
  }

  void refused(String scope) {
    meters
        .counter("croupier.admin.evidence.exports", "scope", scope, "outcome", "refused")
        .increment();
  }
}
