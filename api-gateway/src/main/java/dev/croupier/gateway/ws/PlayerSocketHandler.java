package dev.croupier.gateway.ws;

import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.identity.AuthenticatedPlayer;
import dev.croupier.gateway.identity.RateLimitAction;
import dev.croupier.gateway.identity.RateLimiter;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The protocol's socket handler. On the container's I/O thread it only parses, checks the limits
 * and hands the request to a virtual thread; answers go through the connection's bounded queue.
 */
class PlayerSocketHandler extends TextWebSocketHandler {
  private static final Logger log = LoggerFactory.getLogger(PlayerSocketHandler.class);
  private static final String BLOCKING_SEND_TIMEOUT =
      "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
  static final CloseStatus TOO_MANY_CONNECTIONS =
      CloseStatus.POLICY_VIOLATION.withReason("too many connections for this user");

  private final Sockets sockets;
  private final MessageDispatcher dispatcher;
  private final ClientMessages messages;
  private final Frames frames;
  private final RateLimiter rateLimiter;
  private final WsProperties properties;
  private final ExecutorService executor;
  private final FrameTelemetry telemetry;

  PlayerSocketHandler(
      Sockets sockets,
      MessageDispatcher dispatcher,
      Frames frames,
      RateLimiter rateLimiter,
      WsProperties properties,
      ExecutorService executor,
      FrameTelemetry telemetry) {
    this.sockets = sockets;
    this.dispatcher = dispatcher;
    this.messages = new ClientMessages(frames.mapper());
    this.frames = frames;
    this.rateLimiter = rateLimiter;
    this.properties = properties;
    this.executor = executor;
    this.telemetry = telemetry;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession session) throws Exception {
    var attributes = session.getAttributes();
    AuthenticatedPlayer player = (AuthenticatedPlayer) attributes.get(HandshakeAuth.PLAYER);
    Connection c =
        new Connection(
            session,
            player,
            (String) attributes.get(HandshakeAuth.IP),
            (Instant) attributes.get(HandshakeAuth.ISSUED_AT),
            (Instant) attributes.get(HandshakeAuth.EXPIRES_AT),
            (String) attributes.get(HandshakeAuth.DISPLAY_NAME),
            properties,
            executor);
    session.getAttributes().put(HandshakeAuth.CONNECTION, c);
    if (session instanceof NativeWebSocketSession n
        && n.getNativeSession(jakarta.websocket.Session.class)
            instanceof jakarta.websocket.Session s) {
      // A write blocked longer than this fails, and the socket is closed: see Connection.
      s.getUserProperties().put(BLOCKING_SEND_TIMEOUT, properties.sendTimeout().toMillis());
    }
    if (!sockets.add(c, properties.maxConnectionsPerUser())) {
      log.info(
          "refused socket of user {} from {}: {} already open on this node",
          player.userId(),
          c.ip(),
          properties.maxConnectionsPerUser());
      c.close(TOO_MANY_CONNECTIONS);
      return;
    }
    log.debug("socket {} open for user {} from {}", session.getId(), player.userId(), c.ip());
  }

  @Override
  protected void handleTextMessage(WebSocketSession session, TextMessage message) {
    long received = System.nanoTime();
    Connection c = (Connection) session.getAttributes().get(HandshakeAuth.CONNECTION);
    if (c == null || !c.isOpen() || sockets.find(c.id()) == null) {
      return;
    }
    String text = message.getPayload();
    ClientMessage parsed;
    try {
      parsed = messages.parse(text);
    } catch (ProtocolException e) {
      if (limited(c, e.re())) {
        return;
      }
      c.send(frames.error(e.re(), e.code(), e.getMessage()), false);
      return;
    }
    if (limited(c, parsed.id())) {
      return;
    }
    if (!c.enter(properties.maxInFlight())) {
      c.send(
          frames.error(
              parsed.id(),
              ErrorCode.RATE_LIMITED,
              "Too many requests in flight; wait for the answers."),
          false);
      return;
    }
    executor.execute(
        () -> {
          try {
            telemetry.handle(c, parsed, received, () -> dispatcher.dispatch(c, parsed));
          } finally {
            c.leave();
          }
        });
  }

  /** The per-connection bucket, then the shared per-user-and-address one; answers if refused. */
  private boolean limited(Connection c, String re) {
    if (!c.tryTakeToken()) {
      c.send(
          frames.error(re, ErrorCode.RATE_LIMITED, "Too many messages on this connection."), false);
      return true;
    }
    var decision =
        rateLimiter.tryAcquire(
            RateLimitAction.WS_MESSAGE, Optional.of(c.player().userId()), c.ip());
    if (!decision.allowed()) {
      c.send(
          frames.error(
              re,
              ErrorCode.RATE_LIMITED,
              "Too many messages; retry in " + decision.retryAfterSeconds() + " s."),
          false);
      return true;
    }
    return false;
  }

  @Override
  protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
    Connection c = (Connection) session.getAttributes().get(HandshakeAuth.CONNECTION);
    if (c != null) {
      c.send(
          frames.error(null, ErrorCode.MALFORMED_MESSAGE, "Frames are JSON text, not binary."),
          false);
    }
  }

  @Override
  public void handleTransportError(WebSocketSession session, Throwable exception) {
    log.debug("transport error on socket {}: {}", session.getId(), exception.toString());
  }

  @Override
  public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
    Connection c = (Connection) session.getAttributes().get(HandshakeAuth.CONNECTION);
    if (c != null) {
      c.closedBy(status);
      sockets.remove(c);
      log.debug("socket {} closed: {}", session.getId(), status);
    }
  }

  @Override
  public boolean supportsPartialMessages() {
    return false;
  }
}
