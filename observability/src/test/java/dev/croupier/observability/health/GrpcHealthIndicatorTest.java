package dev.croupier.observability.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.devstack.Ports;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The indicator follows the standard health service of a real server, and names why it is down. */
class GrpcHealthIndicatorTest {
  private static final String SERVICE = "croupier.wallet.v1.Wallet";

  @Test
  void upWhileServingDownWhenNotServingOrUnreachable() throws Exception {
    int port = Ports.freePort();
    HealthStatusManager health = new HealthStatusManager();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(Ports.LOOPBACK, port))
            .addService(health.getHealthService())
            .build()
            .start();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(Ports.LOOPBACK, port).usePlaintext().build();
    try {
      GrpcHealthIndicator indicator =
          new GrpcHealthIndicator(channel, "127.0.0.1:" + port, SERVICE, Duration.ofSeconds(10));

      health.setStatus(SERVICE, ServingStatus.SERVING);
      assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

      health.setStatus(SERVICE, ServingStatus.NOT_SERVING);
      Health notServing = indicator.health();
      assertThat(notServing.getStatus()).isEqualTo(Status.DOWN);
      assertThat(notServing.getDetails().get("error")).isEqualTo(SERVICE + " answers NOT_SERVING");

      server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      Health gone = indicator.health();
      assertThat(gone.getStatus()).isEqualTo(Status.DOWN);
      assertThat(gone.getDetails().get("error"))
          .isEqualTo(SERVICE + " is unreachable: UNAVAILABLE");
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }
}
