package dev.croupier.admin.evidence;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private static final int PAGE = 500;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
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

  /**
   * One page of a table's hands that started in {@code [from, to)}, in hand order, as the workers'
   * hands endpoint gives them: {@code {tableId, hands, truncated}}.
   *
   * @throws CroupierException {@code UNKNOWN_TABLE} for a table the game context does not know;
   *     {@code UNAVAILABLE} when the workers do not answer (or do not serve hands)
   */
  Map<String, Object> handsPage(String tableId, Instant from, Instant to, int limit) {
    StringBuilder query = new StringBuilder("?limit=").append(limit);
    if (from != null) {
      query.append("&from=").append(from);
    }
    if (to != null) {
      query.append("&to=").append(to);
    }
    String body =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        base
                            + "/evidence/tables/"
                            + URLEncoder.encode(tableId, StandardCharsets.UTF_8)
                            + "/hands"
                            + query))
                .GET());
    return JSON.readValue(body, new TypeReference<>() {});
  }

  /**
   * Every hand of a table that started in {@code [from, to)}, paging with a later {@code from}; at
   * most {@code max}.
   *
   * @throws CroupierException {@code EXPORT_SCOPE_TOO_LARGE} when there are more than {@code max}
   */
  List<Map<String, Object>> hands(String tableId, Instant from, Instant to, int max) {
    List<Map<String, Object>> out = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    Instant page = from;
    while (true) {
      Map<String, Object> r = handsPage(tableId, page, to, PAGE);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> hands = (List<Map<String, Object>>) r.get("hands");
      Instant last = page;
      for (Map<String, Object> h : hands) {
        // A page starts at the previous page's last start: hands seen there are skipped.
        if (seen.add(h.get("handNumber"))) {
          out.add(h);
        }
        if (h.get("startedAt") != null) {
          last = Instant.parse(String.valueOf(h.get("startedAt")));
        }
      }
      if (out.size() > max) {
        throw new CroupierException(
            ErrorCode.EXPORT_SCOPE_TOO_LARGE,
            "more than " + max + " hands of table " + tableId + " started in the range; narrow it");
      }
      if (!Boolean.TRUE.equals(r.get("truncated")) || hands.isEmpty() || last.equals(page)) {
        return out;
      }
      page = last;
    }
  }

  /**
   * Whether the evidence port answers admin's identity: a read of a session that cannot exist,
   * which the port answers with an empty list. Empty when it does; else why not.
   */
  Optional<String> probe() {
    try {
      send(
          HttpRequest.newBuilder(
                  URI.create(base + "/evidence/sessions/" + new UUID(0, 0) + "/rounds"))
              .timeout(PROBE_TIMEOUT)
              .GET());
      return Optional.empty();
    } catch (CroupierException e) {
      return Optional.of(e.getMessage());
    }
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
          http.send(withTimeout(request), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 404 && r.body().contains("\"UNKNOWN_TABLE\"")) {
        throw new CroupierException(ErrorCode.UNKNOWN_TABLE, "the game context has no such table");
      }
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

  private static HttpRequest withTimeout(HttpRequest.Builder request) {
    HttpRequest r = request.build();
    return r.timeout().isPresent() ? r : request.timeout(Duration.ofMinutes(2)).build();
  }

  private static String abbreviate(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
