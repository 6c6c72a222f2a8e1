package dev.croupier.launcher;

import com.sun.net.httpserver.HttpServer;
import dev.croupier.devstack.Ports;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for an OpenTelemetry collector, which stands outside the platform: an OTLP/HTTP
 * receiver on a loopback port that keeps every span it is sent, with the service that sent it.
 * Every app process exports to it over the network, as they would to a real collector.
 */
final class OtlpReceiver implements AutoCloseable {
  /** One received span. */
  record Received(
      String service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      Span.SpanKind kind,
      List<KeyValue> attributes) {
    String attribute(String key) {
      return attributes.stream()
          .filter(a -> a.getKey().equals(key))
          .map(
              a ->
                  a.getValue().hasStringValue()
                      ? a.getValue().getStringValue()
                      : a.getValue().toString())
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Received> spans = new CopyOnWriteArrayList<>();

  OtlpReceiver() {
    try {
      server =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getByName(Ports.LOOPBACK), Ports.freePort()), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/v1/traces",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            boolean gzip =
                "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            ExportTraceServiceRequest request =
                ExportTraceServiceRequest.parseFrom(gzip ? new GZIPInputStream(body) : body);
            keep(request);
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
              exchange.getResponseBody().write(answer);
            }
          } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  private void keep(ExportTraceServiceRequest request) {
    HexFormat hex = HexFormat.of();
    for (ResourceSpans rs : request.getResourceSpansList()) {
      String service = serviceName(rs.getResource());
      for (ScopeSpans ss : rs.getScopeSpansList()) {
        for (Span s : ss.getSpansList()) {
          spans.add(
              new Received(
                  service,
                  hex.formatHex(s.getTraceId().toByteArray()),
                  hex.formatHex(s.getSpanId().toByteArray()),
                  s.getParentSpanId().isEmpty()
                      ? ""
                      : hex.formatHex(s.getParentSpanId().toByteArray()),
                  s.getName(),
                  s.getKind(),
                  s.getAttributesList()));
        }
      }
    }
  }

  private static String serviceName(Resource resource) {
    return resource.getAttributesList().stream()
        .filter(a -> a.getKey().equals("service.name"))
        .map(a -> a.getValue().getStringValue())
        .findFirst()
        .orElse("?");
  }

  /** The base URL apps export to: {@code CROUPIER_TRACING_OTLP_ENDPOINT}. */
  String endpoint() {
    return "http://" + Ports.LOOPBACK + ":" + server.getAddress().getPort();
  }

  List<Received> spans() {
    return List.copyOf(spans);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
