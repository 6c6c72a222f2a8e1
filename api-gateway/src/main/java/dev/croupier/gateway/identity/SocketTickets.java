package dev.croupier.gateway.identity;

import java.time.Instant;
import java.util.Optional;

/**
 * One-time WebSocket tickets. A browser cannot set a header on the WebSocket upgrade, and a token
 * in the URL ends up in logs; so the client buys a ticket with its access token ({@code POST
 * /auth/ws-ticket}) and offers it as the subprotocol {@code croupier.ticket.<ticket>}. A ticket is
 * good for seconds, for one upgrade, on any gateway node.
 */
public interface SocketTickets {
  /** Subprotocol prefix that carries a ticket. */
  String SUBPROTOCOL_PREFIX = "croupier.ticket.";

  /**
   * The player and access token behind a ticket.
   *
   * @param tokenId the {@code jti} of the access token that bought it
   */
  record Redeemed(
      AuthenticatedPlayer player, String tokenId, Instant tokenIssuedAt, Instant tokenExpiresAt) {}

  /**
   * Uses up a ticket: the first call with a ticket that is current, and whose access token is
   * neither expired nor revoked, returns its player; every later call, and any other ticket, none.
   */
  Optional<Redeemed> redeem(String ticket);
}
