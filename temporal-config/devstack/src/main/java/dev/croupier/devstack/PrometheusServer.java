package dev.croupier.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's Prometheus server ({@code /usr/bin/prometheus}, installed by {@code
 * .ci/ensure-prometheus.sh}) as a child process on a loopback port, scraping the targets it is
 * given every few seconds and evaluating the platform's alert rules. Its data lives under the state
 * folder; a restart starts with the same configuration file, written anew.
 */
public final class PrometheusServer implements AutoCloseable {
  /** Debian's binary. */
  public static final Path BINARY = Path.of("/usr/bin/prometheus");

  /** How often the dev stack scrapes: short, so a few bets show up at once. */
  public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(5);

  private final int port;
  private final ManagedProcess process;

  private PrometheusServer(int port, ManagedProcess process) {
    this.port = port;
    this.process = process;
  }

  /**
   * Starts Prometheus and returns once it is ready.
   *
   * @param home its folder: {@code prometheus.yml} and {@code data/}
   * @param port where its HTTP API and UI listen on loopback
   * @param jobs scrape job name to {@code host:port} of the target's management port
   * @param rules the alert rules file, or null
   */
  public static PrometheusServer start(
      Path home, int port, Map<String, String> jobs, Path rules, Path logFile) {
    if (!Files.isExecutable(BINARY)) {
      throw new DevStackException(
          "Prometheus is not installed ("
              + BINARY
              + " is missing). Run bash .ci/ensure-prometheus.sh (Debian's prometheus package), or"
              + " leave prometheus out of CROUPIER_EMBEDDED.");
    }
    Ports.requireFree("Prometheus", Ports.LOOPBACK, port, "CROUPIER_PROMETHEUS_PORT");
    try {
      Files.createDirectories(home.resolve("data"));
      Path config = home.resolve("prometheus.yml");
      Files.writeString(config, configuration(jobs, rules));
      ManagedProcess process =
          ManagedProcess.start(
              "prometheus",
              List.of(
                  BINARY.toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + home.resolve("data"),
                  "--storage.tsdb.retention.time=2d",
                  "--web.listen-address=" + Ports.LOOPBACK + ":" + port),
              home,
              logFile,
              Map.of());
      PrometheusServer server = new PrometheusServer(port, process);
      try {
        Ports.awaitOpen(
            "Prometheus", Ports.LOOPBACK, port, Duration.ofSeconds(60), process::isAlive);
        server.awaitReady(Duration.ofSeconds(60));
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (IOException e) {
      throw new DevStackException(
          "Cannot prepare Prometheus in " + home + ": " + e.getMessage(), e);
    }
  }

  /** The scrape configuration for {@code jobs}: each serves {@code /actuator/prometheus}. */
  public static String configuration(Map<String, String> jobs, Path rules) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("# Written by the Croupier launcher; see ops/prometheus/prometheus-dev.yml.\n")
        .append("global:\n")
        .append("  scrape_interval: ")
        .append(SCRAPE_INTERVAL.toSeconds())
        .append("s\n")
        .append("  evaluation_interval: ")
        .append(SCRAPE_INTERVAL.toSeconds())
        .append("s\n");
    if (rules != null) {
      yaml.append("rule_files:\n  - '").append(rules.toAbsolutePath()).append("'\n");
    }
    yaml.append("scrape_configs:\n");
    jobs.forEach(
        (job, target) ->
            yaml.append("  - job_name: ")
                .append(job)
                .append('\n')
                .append("    metrics_path: /actuator/prometheus\n")
                .append("    static_configs:\n")
                .append("      - targets: ['")
                .append(target)
                .append("']\n"));
    return yaml.toString();
  }

  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + "/-/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DevStackException("Interrupted while Prometheus started", e);
      }
      if (!process.isAlive()) {
        throw new DevStackException("Prometheus exited while starting; see " + process.logFile());
      }
      Ports.sleep(Duration.ofMillis(200));
    }
    throw new DevStackException("Prometheus was not ready within " + timeout.toSeconds() + " s");
  }

  /** Its UI and HTTP API. */
  public String url() {
    return "http://" + Ports.LOOPBACK + ":" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    process.close();
  }
}
