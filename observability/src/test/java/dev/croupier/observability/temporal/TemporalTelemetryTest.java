package dev.croupier.observability.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * Temporal's interceptors on the OpenTelemetry SDK: an Update sent inside a span continues that
 * trace through the handler and its local activity, whose code sees the trace as current and the
 * session id in its log context; the SDK's meters reach Micrometer.
 */
class TemporalTelemetryTest {
  static final String QUEUE = "telemetry-test";

  /** What the activity saw, by call. */
  static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  @ActivityInterface(namePrefix = "Probe.")
  public interface Probe {
    @ActivityMethod
    String look(String call);
  }

  public static final class ProbeImpl implements Probe {
    @Override
    public String look(String call) {
      SEEN.put(call + "/trace", Span.current().getSpanContext().getTraceId());
      SEEN.put(call + "/sessionId", String.valueOf(MDC.get("sessionId")));
      return call;
    }
  }

  @WorkflowInterface
  public interface Session {
    @WorkflowMethod
    void run();

    @UpdateMethod
    String bet(String call);
  }

  public static final class SessionImpl implements Session {
    private final Probe probe =
        Workflow.newLocalActivityStub(
            Probe.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(5))
                .build());

    @Override
    public void run() {
      Workflow.await(() -> false);
    }

    @Override
    public String bet(String call) {
      return probe.look(call);
    }
  }

  /** Keeps every finished span. */
  static final class Collected implements SpanExporter {
    final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
      return CompletableResultCode.ofSuccess();
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
  void anUpdateInsideASpanContinuesItsTraceIntoTheHandlerAndTheLocalActivity() {
    Collected collected = new Collected();
    SdkTracerProvider tracing =
        SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(collected)).build();
    OpenTelemetrySdk otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracing)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(TemporalTelemetry.TAG_KEYS);
    TemporalTelemetry telemetry = TemporalTelemetry.of(registry, otel);
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setMetricsScope(telemetry.metricsScope())
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setInterceptors(telemetry.clientInterceptors())
                        .build())
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(telemetry.workerInterceptors())
                        .build())
                .build());
    try {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(SessionImpl.class);
      worker.registerActivitiesImplementations(new ProbeImpl());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      Session session =
          client.newWorkflowStub(
              Session.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(QUEUE)
                  .setWorkflowId("session-0190abcd")
                  .build());
      WorkflowClient.start(session::run);

      Tracer tracer = otel.getTracer("test");
      Span frame = tracer.spanBuilder("ws bet.place").startSpan();
      String traceId = frame.getSpanContext().getTraceId();
      try (Scope ignored = frame.makeCurrent()) {
        assertThat(session.bet("first")).isEqualTo("first");
      } finally {
        frame.end();
      }

      assertThat(SEEN).containsEntry("first/trace", traceId);
      assertThat(SEEN).containsEntry("first/sessionId", "0190abcd");
      Map<String, SpanData> byName =
          collected.spans.stream()
              .filter(s -> s.getTraceId().equals(traceId))
              .collect(Collectors.toMap(SpanData::getName, Function.identity(), (a, b) -> a));
      SpanData update = byName.get("UpdateWorkflow:bet");
      SpanData handler = byName.get("HandleUpdate:bet");
      SpanData start = byName.get("StartActivity:Probe.Look");
      SpanData run = byName.get("RunActivity:Probe.Look");
      assertThat(update).as("spans %s", byName.keySet()).isNotNull();
      assertThat(update.getParentSpanId()).isEqualTo(frame.getSpanContext().getSpanId());
      assertThat(handler.getParentSpanId()).isEqualTo(update.getSpanId());
      assertThat(start.getParentSpanId()).isEqualTo(handler.getSpanId());
      assertThat(run.getParentSpanId()).isEqualTo(start.getSpanId());
    } finally {
      env.close();
      telemetry.close();
    }
    // Closing reports what the SDK counted; the Update's own request meters are among them, though
    // the SDK tags them with a key its other requests lack.
    assertThat(registry.find("temporal_workflow_task_execution_latency").timer()).isNotNull();
    assertThat(registry.find("temporal_request").counter()).isNotNull();
    assertThat(registry.scrape())
        .containsPattern("temporal_(long_)?request_total\\{[^}]*update_name=\"bet\"");
  }
}
