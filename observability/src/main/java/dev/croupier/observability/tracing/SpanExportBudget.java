package dev.croupier.observability.tracing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps span export from ever holding a bet up. Finished spans wait in the batch processor's queue
 * for a background exporter; a tracing backend that is slow or down makes that queue fill. This
 * budget counts the spans between their end and the end of their export, and once {@code limit} are
 * waiting it drops new ones at once, counted in {@code croupier.telemetry.spans{outcome= dropped}},
 * instead of letting anything block or grow. Exports that fail are counted as {@code failed}, the
 * rest as {@code exported}.
 *
 * <p>Wrap the batch processor with {@link #guard} and its exporter with {@link #meter}; set the
 * limit no higher than the processor's own queue, so the processor never drops silently.
 */
public final class SpanExportBudget {
  /**
   * The counter's name; the {@code outcome} tag is {@code exported}, {@code failed} or {@code
   * dropped}.
   */
  public static final String SPANS = "croupier.telemetry.spans";

  private final int limit;
  private final AtomicInteger waiting = new AtomicInteger();
  private final Counter dropped;
  private final Counter exported;
  private final Counter failed;

  /**
   * @param limit spans that may wait for export at once
   * @param registry where the counters go
   */
  public SpanExportBudget(int limit, MeterRegistry registry) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    this.limit = limit;
    this.dropped = counter(registry, "dropped");
    this.exported = counter(registry, "exported");
    this.failed = counter(registry, "failed");
    Gauge.builder("croupier.telemetry.spans.waiting", waiting, AtomicInteger::get)
        .description("Finished spans waiting for export")
        .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String outcome) {
    return Counter.builder(SPANS)
        .description("Finished spans by what became of them")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** The spans waiting for export now. */
  public int waiting() {
    return waiting.get();
  }

  /** Passes sampled spans on to {@code processor} while the budget lasts; drops the rest. */
  public SpanProcessor guard(SpanProcessor processor) {
    return new Guard(processor);
  }

  /** Counts what {@code exporter} did with each batch and frees its place in the budget. */
  public SpanExporter meter(SpanExporter exporter) {
    return new Meter(exporter);
  }

  private final class Guard implements SpanProcessor {
    private final SpanProcessor delegate;

    Guard(SpanProcessor delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
      delegate.onStart(parentContext, span);
    }

    @Override
    public boolean isStartRequired() {
      return delegate.isStartRequired();
    }

    @Override
    public void onEnd(ReadableSpan span) {
      if (!span.getSpanContext().isSampled()) {
        delegate.onEnd(span);
        return;
      }
      if (waiting.incrementAndGet() > limit) {
        waiting.decrementAndGet();
        dropped.increment();
        return;
      }
      delegate.onEnd(span);
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }

    @Override
    public CompletableResultCode forceFlush() {
      return delegate.forceFlush();
    }
  }

  private final class Meter implements SpanExporter {
    private final SpanExporter delegate;

    Meter(SpanExporter delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      int n = spans.size();
      CompletableResultCode result;
      try {
        result = delegate.export(spans);
      } catch (RuntimeException e) {
        waiting.addAndGet(-n);
        failed.increment(n);
        return CompletableResultCode.ofFailure();
      }
      result.whenComplete(
          () -> {
            waiting.addAndGet(-n);
            (result.isSuccess() ? exported : failed).increment(n);
          });
      return result;
    }

    @Override
    public CompletableResultCode flush() {
      return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
      return delegate.shutdown();
    }
  }
}
