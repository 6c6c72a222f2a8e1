package dev.croupier.wallet.posting;

import dev.croupier.wallet.ledger.LedgerException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The posting engine's meters and tracer.
 *
 * <ul>
 *   <li>{@code croupier.wallet.posts{kind, result}}: posts by transaction kind, {@code result}
 *       {@code posted}, {@code replayed}, the error code of a refusal, {@code expired} (its
 *       deadline passed before its batch started) or {@code failed};
 *   <li>{@code croupier.wallet.batch.size}: posts per group-commit transaction;
 *   <li>{@code croupier.wallet.batch.duration}: one batch, from its start to its commit;
 *   <li>{@code croupier.wallet.queue.depth}: posts waiting for a committer.
 * </ul>
 *
 * Each traced post gets a {@code ledger.write} span (a database client span) for the transaction
 * that wrote it, whose context goes into the post's outbox rows.
 */
public final class PostingTelemetry {
  private final MeterRegistry registry;
  private final Tracer tracer;
  private final Map<String, Counter> posts = new ConcurrentHashMap<>();
  final DistributionSummary batchSize;
  final Timer batchDuration;

  private PostingTelemetry(MeterRegistry registry, Tracer tracer) {
    this.registry = registry;
    this.tracer = tracer;
    this.batchSize =
        DistributionSummary.builder("croupier.wallet.batch.size")
            .description("Posts written in one group-commit transaction")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
            .register(registry);
    this.batchDuration =
        Timer.builder("croupier.wallet.batch.duration")
            .description("One group-commit batch, from its start to its commit")
            .register(registry);
  }

  /** Meters into {@code registry}, spans into {@code openTelemetry}. */
  public static PostingTelemetry of(MeterRegistry registry, OpenTelemetry openTelemetry) {
    return new PostingTelemetry(registry, openTelemetry.getTracer("dev.croupier.wallet"));
  }

  /** Meters nobody reads and no spans. */
  public static PostingTelemetry off() {
    return of(new CompositeMeterRegistry(), OpenTelemetry.noop());
  }

  MeterRegistry registry() {
    return registry;
  }

  Tracer tracer() {
    return tracer;
  }

  /** Counts one post's outcome: a {@link PostResult} or a failure. */
  void count(PostRequest request, Object outcome) {
    String result =
        switch (outcome) {
          case PostResult r -> r.replayed() ? "replayed" : "posted";
          case LedgerException e -> e.code().name();
          case java.util.concurrent.TimeoutException e -> "expired";
          default -> "failed";
        };
    String kind = request == null || request.kind() == null ? "UNKNOWN" : request.kind().name();
    posts
        .computeIfAbsent(
            kind + "/" + result,
            k ->
                Counter.builder("croupier.wallet.posts")
                    .description("Ledger posts by transaction kind and result")
                    .tag("kind", kind)
                    .tag("result", result)
                    .register(registry))
        .increment();
  }
}
