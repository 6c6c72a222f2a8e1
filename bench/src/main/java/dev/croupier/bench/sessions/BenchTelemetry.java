package dev.croupier.bench.sessions;

import com.sun.net.httpserver.HttpServer;
import dev.croupier.devstack.Ports;
import dev.croupier.observability.temporal.TemporalTelemetry;
import dev.croupier.observability.tracing.SpanExportBudget;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Metrics and tracing for the benchmark's worker, wallet client and callers, wired as the apps wire
 * them (the observability module's {@link TemporalTelemetry} and {@link SpanExportBudget}, gRPC
 * observations, a Prometheus registry scraped every 5 s, every bet in a root span like the
 * gateway's frame span, spans exported over OTLP/HTTP to a local sink that discards them); or,
 * switched off, none of it, as before this existed.
 */
final class BenchTelemetry implements AutoCloseable {
  final boolean on;
  final MeterRegistry registry;
  final ObservationRegistry observations;
  final TemporalTelemetry temporal;
  private final OpenTelemetrySdk otel;
  private final Tracer tracer;
  private final HttpServer sink;
  private final ScheduledExecutorService scraper;

  private BenchTelemetry(boolean on) {
    this.on = on;
    if (!on) {
      registry = new CompositeMeterRegistry();
      observations = ObservationRegistry.NOOP;
      temporal = TemporalTelemetry.off();
      otel = null;
      tracer = null;
      sink = null;
      scraper = null;
      return;
    }
    sink = discardingSink();
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    prometheus.config().meterFilter(TemporalTelemetry.TAG_KEYS);
    registry = prometheus;
    SpanExportBudget budget = new SpanExportBudget(2048, registry);
    OtlpHttpSpanExporter exporter =
        OtlpHttpSpanExporter.builder().setEndpoint(otlpEndpoint() + "/v1/traces").build();
    SdkTracerProvider tracing =
        SdkTracerProvider.builder()
            .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .addSpanProcessor(
                budget.guard(
                    BatchSpanProcessor.builder(budget.meter(exporter))
                        .setMaxQueueSize(2048)
                        .build()))
            .build();
    otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracing)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    tracer = otel.getTracer("dev.croupier.bench");
    OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    OtelTracer micrometerTracer =
        new OtelTracer(
            tracer, current, event -> {}, new OtelBaggageManager(current, List.of(), List.of()));
    OtelPropagator propagator = new OtelPropagator(otel.getPropagators(), tracer);
    observations = ObservationRegistry.create();
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(micrometerTracer, propagator),
                new PropagatingReceiverTracingObservationHandler<>(micrometerTracer, propagator),
                new DefaultTracingObservationHandler(micrometerTracer)))
        .observationHandler(new DefaultMeterObservationHandler(registry));
    temporal = TemporalTelemetry.of(registry, otel);
    scraper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("bench-scrape").daemon().factory());
    scraper.scheduleWithFixedDelay(prometheus::scrape, 5, 5, TimeUnit.SECONDS);
  }

  static BenchTelemetry of(boolean on) {
    return new BenchTelemetry(on);
  }

  /** The sink the wallet and the worker export to; null when off. */
  String otlpEndpoint() {
    return sink == null ? null : "http://" + Ports.LOOPBACK + ":" + sink.getAddress().getPort();
  }

  /** The wallet client's interceptors: a span and meters per call when on. */
  io.grpc.ClientInterceptor[] walletInterceptors() {
    return on
        ? new io.grpc.ClientInterceptor[] {new ObservationGrpcClientInterceptor(observations)}
        : new io.grpc.ClientInterceptor[0];
  }

  /** Runs a bet as the gateway does: in a root span when on. */
  <T> T bet(Supplier<T> call) {
    if (!on) {
      return call.get();
    }
    Span span = tracer.spanBuilder("bench bet.place").startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return call.get();
    } finally {
      span.end();
    }
  }

  private static HttpServer discardingSink() {
    try {
      HttpServer server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByName(Ports.LOOPBACK), Ports.freePort()), 64);
      server.createContext(
          "/",
          exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
              in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.setExecutor(
          Executors.newFixedThreadPool(
              2, Thread.ofPlatform().name("otlp-sink").daemon().factory()));
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    temporal.close();
    if (otel != null) {
      otel.shutdown().join(10, TimeUnit.SECONDS);
    }
    if (scraper != null) {
      scraper.shutdownNow();
    }
    if (sink != null) {
      sink.stop(0);
    }
  }
}
