package dev.croupier.gateway.identity.staff;

import dev.croupier.gateway.identity.StaffPlayers;
import dev.croupier.gateway.identity.wallet.WalletClientProperties;
import dev.croupier.wallet.api.ServiceTls;
import dev.croupier.wallet.api.TlsCallerInterceptor;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Serves the staff identity API on its own port, over mutual TLS with the gateway's certificate,
 * requiring a client certificate the same CA signed. Without TLS configured it stays off and says
 * so: the API is never served in plaintext.
 */
@Component
public class StaffIdentityServer implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(StaffIdentityServer.class);
  private final StaffApiProperties properties;
  private final WalletClientProperties.Tls tls;
  private final StaffPlayers players;
  private volatile Server server;

  StaffIdentityServer(
      StaffApiProperties properties, WalletClientProperties wallet, StaffPlayers players) {
    this.properties = properties;
    this.tls = wallet.tls();
    this.players = players;
  }

  /** The port it listens on, once started (0 until then, or when off). */
  public int port() {
    Server s = server;
    return s == null ? 0 : s.getPort();
  }

  @Override
  public void start() {
    if (tls.certificate() == null || tls.certificate().isBlank()) {
      log.warn("staff identity API off: no TLS identity (CROUPIER_TLS_CERT) to serve it with");
      return;
    }
    ServiceTls identity = ServiceTls.of(tls.certificate(), tls.privateKey(), tls.trustedCa());
    try {
      server =
          NettyServerBuilder.forAddress(
                  new InetSocketAddress(properties.host(), properties.port()),
                  identity.serverCredentials())
              .addService(
                  ServerInterceptors.intercept(
                      new StaffIdentityService(players), new TlsCallerInterceptor()))
              .build()
              .start();
      log.info("staff identity API on {}:{} (mutual TLS)", properties.host(), server.getPort());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "staff identity API cannot listen on " + properties.host() + ":" + properties.port(), e);
    }
  }

  @Override
  public void stop() {
    Server s = server;
    if (s != null) {
      s.shutdown();
      try {
        s.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server = null;
    }
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }
}
