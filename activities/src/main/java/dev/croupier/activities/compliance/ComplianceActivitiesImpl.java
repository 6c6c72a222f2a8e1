package dev.croupier.activities.compliance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.gamestore.tables.TableEventOutbox;
import dev.croupier.workflows.session.ComplianceActivities;
import dev.croupier.workflows.session.ComplianceAlert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises compliance alerts: each is one row of the game context's outbox ({@code
 * game.table_event_outbox}, keyed by the session id with the round as {@code seq}; a table's alert
 * by {@link #aggregate}), which the workers' relay publishes to {@code compliance.alerts}, and one
 * count of {@code croupier.compliance.alerts{kind}}. The record value is the alert as JSON (see the
 * workers' README). Delivery is at least once; consumers deduplicate by {@code alertId}.
 */
public final class ComplianceActivitiesImpl implements ComplianceActivities {
  /** The topic the workers publish alerts on. */
  public static final String TOPIC = "compliance.alerts";

  /** The counter. */
  public static final String ALERTS = "croupier.compliance.alerts";

  private static final Logger log = LoggerFactory.getLogger(ComplianceActivitiesImpl.class);

  private final TableEventOutbox outbox;
  private final ObjectMapper json;
  private final MeterRegistry meters;
  private final String topic;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  /** Publishing on {@link #TOPIC}. */
  public ComplianceActivitiesImpl(
      TableEventOutbox outbox, ObjectMapper json, MeterRegistry meters) {
    this(outbox, json, meters, TOPIC);
  }

  /**
   * @param topic where the relay publishes the alerts
   */
  public ComplianceActivitiesImpl(
      TableEventOutbox outbox, ObjectMapper json, MeterRegistry meters, String topic) {
    this.outbox = outbox;
    this.json = json;
    this.meters = meters;
    this.topic = topic;
  }

  @Override
  public void raiseAlert(ComplianceAlert alert) {
    String payload;
    try {
      payload = json.writeValueAsString(alert);
    } catch (JsonProcessingException bug) {
      throw new IllegalStateException("alert " + alert.alertId() + " is not serialisable", bug);
    }
    int written =
        outbox.append(
            aggregate(alert),
            List.of(
                new TableEventOutbox.Row(
                    alert.round(), topic, alert.kind(), alert.round(), payload)));
    if (written > 0) {
      counters
          .computeIfAbsent(
              alert.kind(),
              k ->
                  Counter.builder(ALERTS)
                      .description("Compliance alerts raised: records of a round that disagree")
                      .tag("kind", k)
                      .register(meters))
          .increment();
      log.warn(
          "compliance alert {} ({}): {} round {} held for review; ledger win {}, replayed"
              + " win {}",
          alert.alertId(),
          alert.kind(),
          alert.workflowId(),
          alert.round(),
          alert.ledger() == null ? null : alert.ledger().win(),
          alert.replayed() == null ? null : alert.replayed().win());
    }
  }

  /**
   * The outbox row's aggregate: the session id (its round is the row's {@code seq}); for a table's
   * alert, an id derived from the alert id, because the table id's {@code seq}s are its events'.
   */
  static UUID aggregate(ComplianceAlert alert) {
    if (alert.tableId() == null) {
      return alert.sessionId();
    }
    return UUID.nameUUIDFromBytes(
        ("compliance-alert:" + alert.alertId()).getBytes(StandardCharsets.UTF_8));
  }
}
