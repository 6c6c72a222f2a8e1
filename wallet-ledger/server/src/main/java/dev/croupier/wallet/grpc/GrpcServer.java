package dev.croupier.wallet.grpc;

import dev.croupier.wallet.api.ServiceTls;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet's gRPC server on a host and port: mutual TLS only (a client without a certificate that
 * the trusted CA signed fails the handshake; plaintext is refused), then the interceptor that names
 * the caller.
 */
public final class GrpcServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

  private final Server server;

  public GrpcServer(
      String host, int port, ServiceTls tls, BindableService service, ServerInterceptor auth) {
    this.server =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port), tls.serverCredentials())
            .addService(ServerInterceptors.intercept(service, auth))
            .maxInboundMessageSize(1 << 20)
            .build();
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
