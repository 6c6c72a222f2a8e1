package dev.croupier.observability.temporal;

import com.uber.m3.tally.NoopScope;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import com.uber.m3.tally.StatsReporter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.opentracingshim.OpenTracingShim;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.opentracing.OpenTracingClientInterceptor;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import java.util.Map;

/**
 * Temporal's own instruments for one app: the SDK's metrics (requests, long polls, workflow and
 * activity task latencies and failures, sticky cache, slots) reported into Micrometer, and its
 * OpenTracing interceptors running on the app's OpenTelemetry SDK, so a trace goes from a client's
 * Update through the workflow and its local activities into whatever they call.
 *
 * <p>Hand {@link #metricsScope()} to {@code WorkflowServiceStubsOptions.setMetricsScope}, {@link
 * #clientInterceptors()} to {@code WorkflowClientOptions.setInterceptors} and {@link
 * #workerInterceptors()} to {@code WorkerFactoryOptions.setWorkerInterceptors}. Plain Java, so the
 * benchmarks wire a worker exactly as the apps do.
 */
public final class TemporalTelemetry implements AutoCloseable {
  private static final com.uber.m3.util.Duration REPORT_EVERY =
      com.uber.m3.util.Duration.ofSeconds(10);

  /**
   * Gives every Temporal request meter the {@code update_name} tag (as {@code none} where the SDK
   * leaves it out): Prometheus needs one set of tag keys per meter name, and the SDK adds this one
   * only to Update calls, so without it those calls would not be counted. Register it with the
   * registry before the SDK reports (Spring Boot applies it as a bean).
   */
  public static final MeterFilter TAG_KEYS =
      new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
          return id.getName().startsWith("temporal_")
                  && id.getName().contains("request")
                  && id.getTag("update_name") == null
              ? id.withTag(Tag.of("update_name", "none"))
              : id;
        }
      };

  private final Scope metricsScope;
  private final OpenTracingOptions tracing;

  private TemporalTelemetry(Scope metricsScope, OpenTracingOptions tracing) {
    this.metricsScope = metricsScope;
    this.tracing = tracing;
  }

  /** Metrics into {@code registry} every 10 s, spans into {@code openTelemetry}. */
  public static TemporalTelemetry of(MeterRegistry registry, OpenTelemetry openTelemetry) {
    Scope scope =
        new RootScopeBuilder()
            .reporter(new KeepRegistryOpen(new MicrometerClientStatsReporter(registry)))
            .reportEvery(REPORT_EVERY);
    OpenTracingOptions tracing =
        OpenTracingOptions.newBuilder()
            .setTracer(OpenTracingShim.createTracerShim(openTelemetry))
            .build();
    return new TemporalTelemetry(scope, tracing);
  }

  /** No metrics and no spans: what an uninstrumented client had. */
  public static TemporalTelemetry off() {
    return new TemporalTelemetry(new NoopScope(), null);
  }

  /** The SDK's metrics scope. */
  public Scope metricsScope() {
    return metricsScope;
  }

  /** Spans for starting workflows, Updates, signals and queries. */
  public WorkflowClientInterceptor[] clientInterceptors() {
    return tracing == null
        ? new WorkflowClientInterceptor[0]
        : new WorkflowClientInterceptor[] {new OpenTracingClientInterceptor(tracing)};
  }

  /**
   * Spans for workflow runs, Update handlers, (local) activities; and the session or table id in
   * the log context of every activity.
   */
  public WorkerInterceptor[] workerInterceptors() {
    return tracing == null
        ? new WorkerInterceptor[] {new WorkflowIdLogContext()}
        : new WorkerInterceptor[] {
          new OpenTracingWorkerInterceptor(tracing), new WorkflowIdLogContext()
        };
  }

  /** Reports what is left and stops the reporting thread. */
  @Override
  public void close() {
    try {
      metricsScope.close();
    } catch (ScopeCloseException e) {
      throw new IllegalStateException("Closing the Temporal metrics scope failed", e);
    }
  }

  /** The registry belongs to the app: closing the scope must not close it. */
  private record KeepRegistryOpen(StatsReporter delegate) implements StatsReporter {
    @Override
    public com.uber.m3.tally.Capabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public void flush() {
      delegate.flush();
    }

    @Override
    public void close() {
      delegate.flush();
    }

    @Override
    public void reportCounter(String name, Map<String, String> tags, long value) {
      delegate.reportCounter(name, tags, value);
    }

    @Override
    public void reportGauge(String name, Map<String, String> tags, double value) {
      delegate.reportGauge(name, tags, value);
    }

    @Override
    public void reportTimer(
        String name, Map<String, String> tags, com.uber.m3.util.Duration interval) {
      delegate.reportTimer(name, tags, interval);
    }

    @Override
    public void reportHistogramValueSamples(
        String name,
        Map<String, String> tags,
        com.uber.m3.tally.Buckets buckets,
        double bucketLowerBound,
        double bucketUpperBound,
        long samples) {
      delegate.reportHistogramValueSamples(
          name, tags, buckets, bucketLowerBound, bucketUpperBound, samples);
    }

    @Override
    public void reportHistogramDurationSamples(
        String name,
        Map<String, String> tags,
        com.uber.m3.tally.Buckets buckets,
        com.uber.m3.util.Duration bucketLowerBound,
        com.uber.m3.util.Duration bucketUpperBound,
        long samples) {
      delegate.reportHistogramDurationSamples(
          name, tags, buckets, bucketLowerBound, bucketUpperBound, samples);
    }
  }
}
