package dev.croupier.gateway.identity.internal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client's IP address. Tomcat's RemoteIpValve ({@code server.forward-headers-strategy=native})
 * has already replaced the peer address with the one in {@code X-Forwarded-For}, but only when the
 * peer is a trusted proxy ({@code server.tomcat.remoteip.internal-proxies}), so a client cannot
 * choose its own rate-limit key.
 */
final class ClientIp {
  private ClientIp() {}

  static String of(HttpServletRequest request) {
    return request.getRemoteAddr();
  }
}
