package dev.croupier.gateway.ws;

import dev.croupier.gateway.identity.AuthenticatedPlayer;
import dev.croupier.gateway.identity.PlayerStatus;
import dev.croupier.gateway.identity.Players;
import dev.croupier.gateway.identity.SocketTickets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Lets the upgrade through only for an active player, known from the one-time ticket that {@link
 * HandshakeGuard} redeemed or from the bearer token the security filter chain verified. Puts the
 * player, address and token times in the socket's attributes.
 */
class HandshakeAuth implements HandshakeInterceptor {
  private static final Logger log = LoggerFactory.getLogger(HandshakeAuth.class);
  static final String PLAYER = "croupier.player";
  static final String IP = "croupier.ip";
  static final String ISSUED_AT = "croupier.iat";
  static final String EXPIRES_AT = "croupier.exp";
  static final String DISPLAY_NAME = "croupier.displayName";
  static final String CONNECTION = "croupier.connection";

  private final Players players;

  HandshakeAuth(Players players) {
    this.players = players;
  }

  @Override
  public boolean beforeHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler wsHandler,
      Map<String, Object> attributes) {
    // HandshakeGuard has checked the Origin and the subprotocols, and redeemed a ticket if one was
    // offered; otherwise Spring Security has checked the bearer header.
    AuthenticatedPlayer player;
    Instant issuedAt;
    Instant expiresAt;
    Object ticket =
        request instanceof ServletServerHttpRequest servlet
            ? servlet.getServletRequest().getAttribute(HandshakeGuard.TICKET)
            : null;
    if (ticket instanceof SocketTickets.Redeemed redeemed) {
      player = redeemed.player();
      issuedAt = redeemed.tokenIssuedAt();
      expiresAt = redeemed.tokenExpiresAt();
    } else if (request.getPrincipal() instanceof JwtAuthenticationToken token) {
      Jwt jwt = token.getToken();
      player = AuthenticatedPlayer.from(jwt);
      issuedAt = jwt.getIssuedAt();
      expiresAt = jwt.getExpiresAt();
    } else {
      response.setStatusCode(HttpStatus.UNAUTHORIZED);
      return false;
    }
    Optional<PlayerStatus> status = players.status(player.userId());
    Instant now = Instant.now();
    if (status.isEmpty() || status.get().disabled()) {
      log.info("refused socket of user {}: disabled or unknown", player.userId());
      response.setStatusCode(HttpStatus.FORBIDDEN);
      return false;
    }
    String ip =
        request instanceof ServletServerHttpRequest servlet
            ? servlet.getServletRequest().getRemoteAddr()
            : String.valueOf(request.getRemoteAddress());
    attributes.put(PLAYER, player);
    attributes.put(IP, ip);
    attributes.put(ISSUED_AT, issuedAt == null ? now : issuedAt);
    attributes.put(EXPIRES_AT, expiresAt == null ? now : expiresAt);
    attributes.put(DISPLAY_NAME, status.get().displayName());
    return true;
  }

  @Override
  public void afterHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler wsHandler,
      Exception exception) {}
}
