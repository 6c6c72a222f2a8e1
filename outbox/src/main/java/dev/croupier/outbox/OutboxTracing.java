package dev.croupier.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Map;

/**
 * How a trace crosses the outbox: the writer stores the W3C {@code traceparent} of the change with
 * each row (a column of its outbox), its store hands it to the relay as the record header {@link
 * #HEADER}, and the relay publishes the record in a span that is a child of it, replacing the
 * header with its own span so consumers continue from the publish.
 */
public final class OutboxTracing {
  /** The header that carries the trace context, as W3C Trace Context names it. */
  public static final String HEADER = "traceparent";

  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private OutboxTracing() {}

  /** The current span's {@code traceparent}, or null when nothing is traced here. */
  public static String current() {
    return traceParent(Span.current().getSpanContext());
  }

  /** {@code 00-<trace id>-<span id>-<flags>}, or null for an invalid context. */
  public static String traceParent(SpanContext context) {
    if (context == null || !context.isValid()) {
      return null;
    }
    return "00-"
        + context.getTraceId()
        + "-"
        + context.getSpanId()
        + "-"
        + context.getTraceFlags().asHex();
  }

  /** The context a stored {@code traceparent} names, or the root context for null or garbage. */
  public static Context parent(String traceParent) {
    if (traceParent == null || traceParent.isBlank()) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), Map.of(HEADER, traceParent), GETTER);
  }

  /** For tests and tools: the trace id inside a {@code traceparent}, or null. */
  public static String traceId(String traceParent) {
    if (traceParent == null) {
      return null;
    }
    List<String> parts = List.of(traceParent.split("-"));
    return parts.size() == 4 ? parts.get(1) : null;
  }
}
