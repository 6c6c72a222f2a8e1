package dev.croupier.admin.alerts;

import dev.croupier.admin.platform.TopicTail;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Follows {@code compliance.alerts} into {@code admin.compliance_alerts}. It reads every partition
 * from the beginning at each start, without a consumer group: keeping an alert is idempotent by its
 * id, the topic is small, and an alert the table has is never lost to a committed offset. A record
 * that is not an alert is skipped and counted; a database that does not answer stops the reading
 * until it does (the record is read again).
 */
public final class AlertFeed implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

  /** Where to read and whether to start with the context. */
  public record Settings(String bootstrapServers, String topic, boolean autoStartup) {}

  private final Settings settings;
  private final ComplianceAlerts alerts;
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private final TopicTail tail;

  public AlertFeed(Settings settings, ComplianceAlerts alerts) {
    this.settings = settings;
    this.alerts = alerts;
    this.tail =
        new TopicTail(
            "compliance-alerts",
            settings.bootstrapServers(),
            settings.topic(),
            (c, partitions) -> c.seekToBeginning(partitions),
            this::accept);
  }

  /** Alert records read since start (each again after a restart). */
  public long read() {
    return read.get();
  }

  /** Records skipped as not being alerts. */
  public long skipped() {
    return skipped.get();
  }

  private void accept(ConsumerRecord<String, byte[]> r) {
    if (r.value() == null) {
      skipped.incrementAndGet();
      return;
    }
    try {
      alerts.keep(new String(r.value(), StandardCharsets.UTF_8));
      read.incrementAndGet();
    } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
      skipped.incrementAndGet();
      log.warn(
          "alerts: skipped a record at {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
    }
  }

  @Override
  public boolean isAutoStartup() {
    return settings.autoStartup();
  }

  @Override
  public void start() {
    tail.start();
  }

  @Override
  public void stop() {
    tail.stop();
  }

  @Override
  public boolean isRunning() {
    return tail.isRunning();
  }
}
