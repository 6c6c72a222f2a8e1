package dev.croupier.observability.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tracing backend that hangs or fails never holds a span's caller: past the budget, spans are
 * dropped at once and counted; what the backend refused is counted as failed.
 */
class SpanExportBudgetTest {

  /** An exporter whose exports complete only when the test says so: a backend that hangs. */
  static final class HangingExporter implements SpanExporter {
    final List<CompletableResultCode> pending = new ArrayList<>();
    int received;

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> spans) {
      received += spans.size();
      CompletableResultCode r = new CompletableResultCode();
      pending.add(r);
      return r;
    }

    synchronized void succeed() {
      pending.forEach(CompletableResultCode::succeed);
      pending.clear();
    }

    synchronized void fail() {
      pending.forEach(CompletableResultCode::fail);
      pending.clear();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @Test
  void aHangingBackendMakesSpansBeyondTheBudgetDropAtOnceAndCounted() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SpanExportBudget budget = new SpanExportBudget(100, registry);
    HangingExporter backend = new HangingExporter();
    BatchSpanProcessor batches =
        BatchSpanProcessor.builder(budget.meter(backend))
            .setMaxQueueSize(2048)
            .setMaxExportBatchSize(50)
            .setScheduleDelay(Duration.ofMillis(10))
            .setExporterTimeout(Duration.ofMinutes(5))
            .build();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(budget.guard(batches)).build()) {
      Tracer tracer = provider.get("test");
      for (int i = 0; i < 5_000; i++) {
        tracer.spanBuilder("bet " + i).startSpan().end();
      }

      assertThat(budget.waiting()).isEqualTo(100);
      assertThat(count(registry, "dropped")).isEqualTo(4_900);
      await().atMost(Duration.ofSeconds(10)).until(() -> received(backend) >= 50);

      backend.succeed();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                backend.succeed();
                assertThat(budget.waiting()).isZero();
              });
      assertThat(count(registry, "exported")).isEqualTo(100);

      // Once the backend answers again, new spans go out.
      tracer.spanBuilder("after").startSpan().end();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                backend.succeed();
                assertThat(count(registry, "exported")).isEqualTo(101);
              });
    }
  }

  @Test
  void spansTheBackendRefusesAreCountedAsFailedAndFreeTheirPlace() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SpanExportBudget budget = new SpanExportBudget(1_000, registry);
    HangingExporter backend = new HangingExporter();
    BatchSpanProcessor batches =
        BatchSpanProcessor.builder(budget.meter(backend))
            .setScheduleDelay(Duration.ofMillis(10))
            .build();
    try (SdkTracerProvider provider =
        SdkTracerProvider.builder().addSpanProcessor(budget.guard(batches)).build()) {
      Tracer tracer = provider.get("test");
      for (int i = 0; i < 30; i++) {
        tracer.spanBuilder("refused " + i).startSpan().end();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                backend.fail();
                assertThat(count(registry, "failed")).isEqualTo(30);
              });
      assertThat(budget.waiting()).isZero();
      assertThat(count(registry, "dropped")).isZero();
    }
  }

  private static int received(HangingExporter backend) {
    synchronized (backend) {
      return backend.received;
    }
  }

  private static double count(SimpleMeterRegistry registry, String outcome) {
    return registry.get(SpanExportBudget.SPANS).tag("outcome", outcome).counter().count();
  }
}
