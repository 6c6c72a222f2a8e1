package dev.croupier.observability.health;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Temporal is up when its frontend answers {@code GetSystemInfo} within the timeout: a call every
 * Temporal server implements (the CLI dev server, the Java test server, a cluster), cheaper than a
 * namespace lookup.
 */
public final class TemporalHealthIndicator implements HealthIndicator {
  private final WorkflowServiceStubs stubs;
  private final String target;
  private final Duration timeout;

  /**
   * @param stubs the app's service stubs
   * @param target the frontend's address, for the detail
   * @param timeout how long a check may wait
   */
  public TemporalHealthIndicator(WorkflowServiceStubs stubs, String target, Duration timeout) {
    this.stubs = stubs;
    this.target = target;
    this.timeout = timeout;
  }

  @Override
  public Health health() {
    try {
      String version =
          stubs
              .blockingStub()
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance())
              .getServerVersion();
      return Health.up().withDetail("target", target).withDetail("version", version).build();
    } catch (StatusRuntimeException e) {
      return Health.down()
          .withDetail("target", target)
          .withDetail("error", "Temporal is unreachable: " + e.getStatus().getCode())
          .build();
    } catch (RuntimeException e) {
      return Health.down()
          .withDetail("target", target)
          .withDetail("error", "Temporal is unreachable: " + e)
          .build();
    }
  }
}
