package dev.croupier.devstack;

import java.util.List;
import java.util.Map;

/**
 * Where Temporal is and what the platform registers in it. Read from {@code
 * CROUPIER_TEMPORAL_TARGET} and {@code CROUPIER_TEMPORAL_NAMESPACE}.
 */
public record TemporalSettings(String host, int port, int uiPort, String namespace) {
  public static final String DEFAULT_NAMESPACE = "croupier";

  /** The custom search attributes ops use to find sessions; all of type Keyword. */
  public static final List<String> SEARCH_ATTRIBUTES =
      List.of("CroupierUserId", "CroupierGameId", "CroupierSessionStatus");

  public static TemporalSettings fromEnvironment() {
    return from(System.getenv());
  }

  public static TemporalSettings from(Map<String, String> env) {
    String target = env.getOrDefault("CROUPIER_TEMPORAL_TARGET", Ports.LOOPBACK + ":7233");
    int colon = target.lastIndexOf(':');
    int port = Integer.parseInt(target.substring(colon + 1));
    int uiPort =
        Integer.parseInt(
            env.getOrDefault("CROUPIER_TEMPORAL_UI_PORT", String.valueOf(port + 1000)));
    return new TemporalSettings(
        target.substring(0, colon),
        port,
        uiPort,
        env.getOrDefault("CROUPIER_TEMPORAL_NAMESPACE", DEFAULT_NAMESPACE));
  }

  public String target() {
    return host + ":" + port;
  }

  public String uiUrl() {
    return "http://%s:%d".formatted(host, uiPort);
  }
}
