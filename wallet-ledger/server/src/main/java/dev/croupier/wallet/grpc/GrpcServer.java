package dev.croupier.wallet.grpc;

import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.wallet.api.ServiceTls;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet's gRPC server on a host and port: mutual TLS only (a client without a certificate that
 * the trusted CA signed fails the handshake; plaintext is refused); the wallet service behind the
 * interceptor that names the caller (and any outer interceptors, such as metrics and tracing, which
 * see every call, refused ones too); and the standard health service {@code grpc.health.v1.Health},
 * open to any caller with a certificate, which answers {@code SERVING} for {@code
 * croupier.wallet.v1.Wallet} only while {@link #serving} says so.
 */
public final class GrpcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

  /** The name the health service answers for. */
  public static final String SERVICE = WalletGrpc.SERVICE_NAME;

  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();

  public GrpcServer(
      String host, int port, ServiceTls tls, BindableService service, ServerInterceptor auth) {
    this(host, port, tls, service, auth, new ServerInterceptor[0]);
  }

  /**
   * @param outer interceptors around the caller's naming, the first outermost
   */
  public GrpcServer(
      String host,
      int port,
      ServiceTls tls,
      BindableService service,
      ServerInterceptor auth,
      ServerInterceptor... outer) {
    ServerInterceptor[] chain = new ServerInterceptor[outer.length + 1];
    chain[0] = auth;
    for (int i = 0; i < outer.length; i++) {
      // ServerInterceptors calls the last one first.
      chain[outer.length - i] = outer[i];
    }
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port), tls.serverCredentials())
            .addService(ServerInterceptors.intercept(service, chain))
            .addService(health.getHealthService())
            .maxInboundMessageSize(1 << 20)
            .build();
    serving(false);
  }

  /** What the health service answers for the wallet service (and the server as a whole). */
  public void serving(boolean serving) {
    ServingStatus status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    health.setStatus(SERVICE, status);
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
  }

  public void start() {
    try {
      server.start();
      log.info("Wallet gRPC server listening on {}", server.getListenSockets());
      // gRPC's event loops are daemon threads: without one live non-daemon thread, an app whose
      // only job is this server would exit right after starting.
      Thread keepAlive = new Thread(this::awaitTermination, "wallet-grpc-await");
      keepAlive.setDaemon(false);
      keepAlive.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the wallet gRPC server: " + e.getMessage(), e);
    }
  }

  private void awaitTermination() {
    try {
      server.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The port it listens on (useful with port 0). */
  public int port() {
    return server.getPort();
  }

  public boolean isRunning() {
    return !server.isShutdown();
  }

  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
  }
}
