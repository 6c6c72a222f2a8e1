package dev.croupier.topology.db;

import java.util.List;

/**
 * HAProxy in front of the nodes. The write port sends each connection to the node whose Patroni
 * answers {@code GET /primary} with 200 (only the leader does), checked every second; a node marked
 * down has its connections cut ({@code on-marked-down shutdown-sessions}), so clients reconnect to
 * the new leader instead of hanging on the old one. The read port balances over the replicas
 * ({@code GET /replica}).
 */
final class HaproxyConfig {
  record Server(String name, int pgPort, int restPort) {}

  private HaproxyConfig() {}

  static String of(int writePort, int readPort, List<Server> servers) {
    StringBuilder b = new StringBuilder();
    b.append(
        """
        global
          maxconn 400

        defaults
          mode tcp
          retries 2
          timeout connect 2s
          timeout client 30m
          timeout server 30m
          timeout check 2s

        """);
    section(b, "write", writePort, "/primary", "first", servers);
    section(b, "read", readPort, "/replica", "roundrobin", servers);
    return b.toString();
  }

  private static void section(
      StringBuilder b, String name, int port, String check, String balance, List<Server> servers) {
    b.append("listen ").append(name).append('\n');
    b.append("  bind 127.0.0.1:").append(port).append('\n');
    b.append("  balance ").append(balance).append('\n');
    b.append("  option httpchk GET ").append(check).append('\n');
    b.append("  http-check expect status 200\n");
    b.append("  default-server inter 1s fastinter 500ms downinter 1s fall 2 rise 1")
        .append(" on-marked-down shutdown-sessions\n");
    for (Server s : servers) {
      b.append("  server ")
          .append(s.name())
          .append(" 127.0.0.1:")
          .append(s.pgPort())
          .append(" maxconn 100 check port ")
          .append(s.restPort())
          .append('\n');
    }
    b.append('\n');
  }
}
