package dev.croupier.gateway.ws;

import dev.croupier.gateway.identity.Players;
import dev.croupier.gateway.identity.RateLimiter;
import java.util.concurrent.ExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/** {@code /ws}: Origin allow-list, token and subprotocol at the upgrade, 64 KiB frames. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {
  private final PlayerSocketHandler handler;
  private final HandshakeAuth auth;
  private final WsProperties properties;

  WebSocketConfiguration(
      Sockets sockets,
      MessageDispatcher dispatcher,
      Frames frames,
      RateLimiter rateLimiter,
      Players players,
      WsProperties properties,
      ExecutorService socketExecutor,
      FrameTelemetry telemetry) {
    this.properties = properties;
    this.auth = new HandshakeAuth(players);
    this.handler =
        new PlayerSocketHandler(
            sockets, dispatcher, frames, rateLimiter, properties, socketExecutor, telemetry);
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    DefaultHandshakeHandler handshake = new DefaultHandshakeHandler();
    handshake.setSupportedProtocols(WsProperties.SUBPROTOCOL);
    registry
        .addHandler(handler, "/ws")
        .setHandshakeHandler(handshake)
        .addInterceptors(auth)
        .setAllowedOrigins(properties.allowedOrigins().toArray(String[]::new));
  }

  /** Frames above the limit make Tomcat close the socket with 1009. */
  @Bean
  ServletServerContainerFactoryBean webSocketContainer() {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize(properties.maxFrameBytes());
    container.setMaxBinaryMessageBufferSize(properties.maxFrameBytes());
    container.setAsyncSendTimeout(properties.sendTimeout().toMillis());
    container.setMaxSessionIdleTimeout(0L);
    return container;
  }
}
