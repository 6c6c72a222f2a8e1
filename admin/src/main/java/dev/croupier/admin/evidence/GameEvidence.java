package dev.croupier.admin.evidence;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The game context's evidence API on the workers' evidence port, called over HTTPS with admin's
 * service certificate: a session's rounds with their proofs and ledger entries, and the replay
 * check of a history against the running build's workflow code.
 */
final class GameEvidence {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final Supplier<SSLContext> tls;
  private volatile HttpClient http;
  private final String base;

  GameEvidence(Supplier<SSLContext> tls, String workersUrl) {
    this.tls = tls;
    this.base =
        workersUrl.endsWith("/") ? workersUrl.substring(0, workersUrl.length() - 1) : workersUrl;
  }

  /** Every round of a session in order, as recall rebuilds it; empty for none. */
  List<Map<String, Object>> rounds(UUID sessionId) {
    String body =
        send(
            HttpRequest.newBuilder(URI.create(base + "/evidence/sessions/" + sessionId + "/rounds"))
                .GET());
    return JSON.readValue(body, new TypeReference<>() {});
  }

  /** The replay verdict on one history in Temporal's JSON format. */
  Map<String, Object> replay(String historyJson) {
    String body =
        send(
            HttpRequest.newBuilder(URI.create(base + "/evidence/replay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(historyJson)));
    return JSON.readValue(body, new TypeReference<>() {});
  }

  private HttpClient http() {
    HttpClient h = http;
    if (h == null) {
      try {
        h =
            HttpClient.newBuilder()
                .sslContext(tls.get())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        throw new CroupierException(
            ErrorCode.UNAVAILABLE, "admin's service identity is not usable: " + e.getMessage());
      }
      http = h;
    }
    return h;
  }

  private String send(HttpRequest.Builder request) {
    HttpClient http = http();
    try {
      HttpResponse<String> r =
          http.send(
              request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new CroupierException(
            ErrorCode.UNAVAILABLE,
            "the workers' evidence API answered " + r.statusCode() + ": " + abbreviate(r.body()));
      }
      return r.body();
    } catch (IOException e) {
      throw new CroupierException(
          ErrorCode.UNAVAILABLE, "the workers' evidence API is unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CroupierException(ErrorCode.UNAVAILABLE, "interrupted");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
