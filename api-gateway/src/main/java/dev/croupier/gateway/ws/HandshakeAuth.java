package dev.croupier.gateway.ws;

import dev.croupier.gateway.identity.AuthenticatedPlayer;
import dev.croupier.gateway.identity.PlayerStatus;
import dev.croupier.gateway.identity.Players;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
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
 * Lets the upgrade through only for a verified access token (already checked by the security filter
 * chain) of an active player, offering subprotocol {@code croupier.v1}. Puts the player, address
 * and token times in the socket's attributes.
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
    List<String> offered = request.getHeaders().get("Sec-WebSocket-Protocol");
    boolean speaksV1 =
        offered != null
            && offered.stream()
                .flatMap(h -> java.util.Arrays.stream(h.split(",")))
                .anyMatch(p -> p.strip().equals(WsProperties.SUBPROTOCOL));
    if (!speaksV1) {
      response.setStatusCode(HttpStatus.BAD_REQUEST);
      return false;
    }
    Principal principal = request.getPrincipal();
    if (!(principal instanceof JwtAuthenticationToken token)) {
      response.setStatusCode(HttpStatus.UNAUTHORIZED);
      return false;
    }
    Jwt jwt = token.getToken();
    AuthenticatedPlayer player = AuthenticatedPlayer.from(jwt);
    Optional<PlayerStatus> status = players.status(player.userId());
    Instant now = Instant.now();
    if (status.isEmpty() || status.get().disabled() || status.get().lockedAt(now)) {
      log.info("refused socket of user {}: disabled, locked or unknown", player.userId());
      response.setStatusCode(HttpStatus.FORBIDDEN);
      return false;
    }
    String ip =
        request instanceof ServletServerHttpRequest servlet
            ? servlet.getServletRequest().getRemoteAddr()
            : String.valueOf(request.getRemoteAddress());
    attributes.put(PLAYER, player);
    attributes.put(IP, ip);
    attributes.put(ISSUED_AT, jwt.getIssuedAt() == null ? now : jwt.getIssuedAt());
    attributes.put(EXPIRES_AT, jwt.getExpiresAt() == null ? now : jwt.getExpiresAt());
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
