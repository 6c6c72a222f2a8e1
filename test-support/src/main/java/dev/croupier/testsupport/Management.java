package dev.croupier.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An app's management port as a test reads it, over plain HTTP with no credential, as Prometheus
 * and an orchestrator do: the liveness and readiness groups, and the Prometheus scrape.
 */
public final class Management {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\S+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Management(String base) {
    this.base = base;
  }

  /** The management port at {@code 127.0.0.1:port}. */
  public static Management at(int port) {
    return new Management("http://127.0.0.1:" + port);
  }

  /**
   * A health group's answer.
   *
   * @param httpStatus 200 when UP, 503 when DOWN
   * @param status the group's status
   * @param components each component's status, by name (e.g. {@code db -> DOWN})
   * @param body the whole JSON answer, with the reasons
   */
  public record Health(
      int httpStatus, String status, Map<String, String> components, JsonNode body) {
    /** Whether the group and {@code component} are both down, and the answer says why. */
    public boolean downBecauseOf(String component) {
      return httpStatus == 503
          && "DOWN".equals(status)
          && "DOWN".equals(components.get(component))
          && !body.path("components").path(component).path("details").path("error").isMissingNode();
    }

    /** The reason a component gives, or an empty string. */
    public String error(String component) {
      return body.path("components").path(component).path("details").path("error").asString("");
    }
  }

  /** {@code /actuator/health/readiness}. */
  public Health readiness() {
    return health("/actuator/health/readiness");
  }

  /** {@code /actuator/health/liveness}. */
  public Health liveness() {
    return health("/actuator/health/liveness");
  }

  private Health health(String path) {
    HttpResponse<String> r = get(path);
    JsonNode body = JSON.readTree(r.body());
    Map<String, String> components = new LinkedHashMap<>();
    body.path("components")
        .properties()
        .forEach(e -> components.put(e.getKey(), e.getValue().path("status").asString()));
    return new Health(r.statusCode(), body.path("status").asString(), components, body);
  }

  /** {@code /actuator/prometheus}: the scrape, as Prometheus reads it. */
  public String prometheus() {
    HttpResponse<String> r = get("/actuator/prometheus");
    if (r.statusCode() != 200) {
      throw new IllegalStateException("The scrape answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /**
   * The sum of the samples of {@code name} in the scrape whose labels include {@code labels}; 0
   * when there is none.
   */
  public double metric(String name, Map<String, String> labels) {
    return sum(prometheus(), name, labels);
  }

  /** The same, over a scrape already read. */
  public static double sum(String scrape, String name, Map<String, String> labels) {
    double total = 0;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.strip());
      if (!m.matches() || !m.group(1).equals(name)) {
        continue;
      }
      Map<String, String> found = new LinkedHashMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          found.put(l.group(1), l.group(2));
        }
      }
      if (found.entrySet().containsAll(labels.entrySet())) {
        double v = Double.parseDouble(m.group(4));
        if (!Double.isNaN(v)) {
          total += v;
        }
      }
    }
    return total;
  }

  /** Any GET on the management port; with no credential, as a scraper sends it. */
  public HttpResponse<String> get(String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(20))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(base + path + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
