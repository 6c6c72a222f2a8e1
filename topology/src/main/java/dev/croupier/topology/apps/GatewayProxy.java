package dev.croupier.topology.apps;

import dev.croupier.devstack.DevStackException;
import dev.croupier.devstack.ManagedProcess;
import dev.croupier.devstack.Ports;
import dev.croupier.topology.TopologyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Debian's HAProxy in front of the gateways, its own process (the database has another). Players'
 * HTTP and WebSocket connections are spread by least connections; a WebSocket, once upgraded, is a
 * tunnel kept for {@code timeout tunnel} (1 h) however quiet. Each gateway is checked every 2 s on
 * its readiness endpoint (management port): two failures take it out, two successes put it back.
 */
public final class GatewayProxy implements AutoCloseable {
  private final ManagedProcess process;
  private final String host;
  private final int port;
  private final int statsPort;

  private GatewayProxy(ManagedProcess process, String host, int port, int statsPort) {
    this.process = process;
    this.host = host;
    this.port = port;
    this.statsPort = statsPort;
  }

  /** The configuration for {@code gateways}, as HAProxy reads it. */
  static String config(String host, int port, int statsPort, List<AppNode> gateways) {
    StringBuilder servers = new StringBuilder();
    for (AppNode gateway : gateways) {
      servers.append(
          "  server %s %s:%d check port %d inter 2s fall 2 rise 2\n"
              .formatted(gateway.name(), host, gateway.port(), gateway.managementPort()));
    }
    return """
        # Written by the Croupier topology at every start.
        global
          # No maxconn: HAProxy derives it from the open-files limit (ulimit -n), half for each
          # side of a proxied connection; a fixed one above that limit stops it at start.

        defaults
          mode http
          option forwardfor
          timeout connect 5s
          timeout client 60s
          timeout server 60s
          # An upgraded WebSocket is a tunnel: quiet players stay connected.
          timeout tunnel 1h
          timeout client-fin 5s

        frontend players
          bind %s:%d
          default_backend gateways

        backend gateways
          balance leastconn
          option httpchk GET /actuator/health/readiness
          http-check expect status 200
          # A gateway that fails its checks is left at once: its players reconnect to the other.
          option redispatch
          retries 2
        %s
        listen stats
          bind %s:%d
          stats enable
          stats uri /
          stats refresh 5s
        """
        .formatted(host, port, servers, host, statsPort);
  }

  /** Starts HAProxy on {@code host:port} in front of {@code gateways}; waits until it listens. */
  public static GatewayProxy start(Path dir, String host, List<AppNode> gateways) {
    return start(dir, host, Apps.PROXY_PORT, Apps.PROXY_STATS_PORT, gateways);
  }

  public static GatewayProxy start(
      Path dir, String host, int port, int statsPort, List<AppNode> gateways) {
    Path log = dir.resolve("haproxy-gateways.log");
    for (int p : List.of(port, statsPort)) {
      if (Ports.isOpen(host, p)) {
        throw new TopologyException(
            "HAProxy (gateways): port %s:%d is taken by another process; stop it first."
                .formatted(host, p));
      }
    }
    try {
      Files.createDirectories(dir);
      Path cfg = dir.resolve("haproxy-gateways.cfg");
      Files.writeString(cfg, config(host, port, statsPort, gateways));
      String haproxy =
          Files.isExecutable(Path.of("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy";
      ManagedProcess process =
          ManagedProcess.start(
              "haproxy-gateways",
              List.of(haproxy, "-db", "-f", cfg.toString()),
              dir,
              log,
              Map.of());
      GatewayProxy proxy = new GatewayProxy(process, host, port, statsPort);
      try {
        Ports.awaitOpen("HAProxy", host, port, Duration.ofSeconds(30), process::isAlive);
      } catch (DevStackException e) {
        proxy.close();
        throw new TopologyException(
            "HAProxy (gateways) did not start on %s:%d; see %s (is Debian's haproxy installed?"
                    .formatted(host, port, log)
                + " bash .ci/ensure-topology.sh installs it)",
            e);
      }
      return proxy;
    } catch (IOException e) {
      throw new TopologyException("HAProxy (gateways): cannot write its config in " + dir, e);
    }
  }

  /** Where players connect: {@code http://host:port}. */
  public String url() {
    return "http://" + host + ":" + port;
  }

  public String statsUrl() {
    return "http://" + host + ":" + statsPort + "/";
  }

  public ManagedProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }
}
