package dev.croupier.observability.health;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A gRPC service is up when the standard health service ({@code grpc.health.v1.Health}) on its
 * channel answers {@code SERVING} for it within the timeout. The check goes over the app's own
 * channel, so it sees what the app's calls see.
 */
public final class GrpcHealthIndicator implements HealthIndicator {
  private final Channel channel;
  private final String target;
  private final String service;
  private final Duration timeout;

  /**
   * @param channel the app's channel to the service
   * @param target the address, for the detail
   * @param service the fully qualified gRPC service name, e.g. {@code croupier.wallet.v1.Wallet}
   * @param timeout how long a check may wait
   */
  public GrpcHealthIndicator(Channel channel, String target, String service, Duration timeout) {
    this.channel = channel;
    this.target = target;
    this.service = service;
    this.timeout = timeout;
  }

  @Override
  public Health health() {
    try {
      HealthCheckResponse.ServingStatus status =
          HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .check(HealthCheckRequest.newBuilder().setService(service).build())
              .getStatus();
      Health.Builder health =
          status == HealthCheckResponse.ServingStatus.SERVING ? Health.up() : Health.down();
      health.withDetail("target", target).withDetail("status", status.name());
      if (status != HealthCheckResponse.ServingStatus.SERVING) {
        health.withDetail("error", service + " answers " + status.name());
      }
      return health.build();
    } catch (StatusRuntimeException e) {
      return Health.down()
          .withDetail("target", target)
          .withDetail("error", service + " is unreachable: " + e.getStatus().getCode())
          .build();
    }
  }
}
