package dev.croupier.admin.platform;

import dev.croupier.admin.AdminProperties;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.api.ServiceTls;
import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC channel to one of the platform's services over mutual TLS as {@code admin}, made at the
 * first call, so sign-in, the audit log and the commands work while certificates are still being
 * set up (a page that needs the service then says it is unavailable). After an outage it dials at
 * once rather than after gRPC's growing backoff.
 */
final class LazyChannel implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LazyChannel.class);
  private final String service;
  private final String target;
  private final AdminProperties.Tls tls;
  private final ClientInterceptor[] interceptors;
  private volatile ManagedChannel channel;

  LazyChannel(
      String service, String target, AdminProperties.Tls tls, ClientInterceptor... interceptors) {
    this.service = service;
    this.target = target;
    this.tls = tls;
    this.interceptors = interceptors;
  }

  /** The channel, made if needed; {@code UNAVAILABLE} when admin's TLS identity is not set up. */
  ManagedChannel get() {
    ManagedChannel c = channel;
    if (c == null) {
      synchronized (this) {
        c = channel;
        if (c == null) {
          try {
            c =
                ServiceTls.of(tls.certificate(), tls.privateKey(), tls.trustedCa())
                    .walletChannel(target, interceptors);
          } catch (IllegalArgumentException e) {
            log.error("{} cannot be called: croupier.admin.tls: {}", service, e.getMessage());
            throw new CroupierException(ErrorCode.UNAVAILABLE, service + ": not configured");
          }
          channel = c;
        }
      }
    }
    if (c.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
      c.resetConnectBackoff();
    }
    return c;
  }

  @Override
  public void close() {
    ManagedChannel c = channel;
    if (c != null) {
      c.shutdownNow();
    }
  }
}
