package dev.croupier.admin.flags;

import dev.croupier.admin.AdminProperties;
import dev.croupier.outbox.OutboxRelay;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes flag changes from {@code admin.flag_outbox} to {@code admin.flags} through the shared
 * relay (one leader across admin nodes). At start it writes every flag's record once more, so the
 * topic always holds the store's latest values.
 */
public final class FlagRelay implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(FlagRelay.class);
  private final DataSource dataSource;
  private final OutboxRelay.Telemetry telemetry;
  private final AdminProperties.Kafka kafka;
  private final Flags flags;
  private volatile OutboxRelay relay;
  private final boolean autoStartup;
  private volatile boolean running;

  /**
   * @param autoStartup false for the command-line entries, which publish nothing
   */
  public FlagRelay(
      DataSource dataSource,
      Flags flags,
      AdminProperties.Kafka kafka,
      OutboxRelay.Telemetry telemetry,
      boolean autoStartup) {
    this.flags = flags;
    this.telemetry = telemetry;
    this.autoStartup = autoStartup;
    this.dataSource = dataSource;
    this.kafka = kafka;
  }

  /** Publishes now rather than at the next poll. */
  public void wakeUp() {
    OutboxRelay r = relay;
    if (r != null) {
      r.wakeUp();
    }
  }

  /** Records published since start. */
  public long published() {
    OutboxRelay r = relay;
    return r == null ? 0 : r.published();
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public void start() {
    int n = flags.republishAll();
    log.info("flag relay: {} flags queued for admin.flags", n);
    relay =
        new OutboxRelay(
            dataSource,
            new FlagOutbox(kafka.flagsTopic()),
            new OutboxRelay.Settings(
                "admin-flags",
                kafka.bootstrapServers(),
                100,
                Duration.ofMillis(500),
                Duration.ofSeconds(30)),
            telemetry);
    relay.start();
    running = true;
  }

  @Override
  public void stop() {
    OutboxRelay r = relay;
    if (r != null) {
      r.close();
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
