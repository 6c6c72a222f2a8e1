package dev.croupier.observability.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Kafka is up when a broker answers a cluster description within the timeout. One admin client is
 * kept for the indicator's life (it reconnects by itself), so a check costs one request, not a new
 * connection.
 */
public final class KafkaHealthIndicator implements HealthIndicator, AutoCloseable {
  private final String bootstrapServers;
  private final Duration timeout;
  private Admin admin;

  /**
   * @param bootstrapServers the brokers the app uses
   * @param timeout how long a check may wait for an answer
   */
  public KafkaHealthIndicator(String bootstrapServers, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.timeout = timeout;
  }

  private synchronized Admin admin() {
    if (admin == null) {
      int ms = (int) timeout.toMillis();
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                  AdminClientConfig.CLIENT_ID_CONFIG, "croupier-health",
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms,
                  AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
    }
    return admin;
  }

  @Override
  public Health health() {
    try {
      int brokers =
          admin()
              .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
              .nodes()
              .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS)
              .size();
      return Health.up()
          .withDetail("bootstrapServers", bootstrapServers)
          .withDetail("brokers", brokers)
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down("interrupted");
    } catch (ExecutionException e) {
      return down(String.valueOf(e.getCause()));
    } catch (TimeoutException e) {
      return down("no broker answered within " + timeout.toMillis() + " ms");
    } catch (RuntimeException e) {
      return down(e.toString());
    }
  }

  private Health down(String error) {
    return Health.down()
        .withDetail("bootstrapServers", bootstrapServers)
        .withDetail("error", "Kafka is unreachable: " + error)
        .build();
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
      admin = null;
    }
  }
}
