package dev.croupier.admin.alerts;

import static dev.croupier.db.jooq.admin.Tables.COMPLIANCE_ALERTS;

import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.db.jooq.admin.tables.records.ComplianceAlertsRecord;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.workflows.session.ComplianceAlert;
import dev.croupier.workflows.session.GameSessionWorkflow;
import dev.croupier.workflows.session.ReviewResolution;
import dev.croupier.workflows.table.TableWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code admin.compliance_alerts}: each alert once (the topic is at least once), listed for
 * compliance, and resolved: audited as attempted, the resolution signalled to the session's
 * workflow (which lifts its hold on bets) or, for a table's alert ({@link #TABLE_KINDS}, kept with
 * the table id in {@code session_id}), to {@code table-<id>} (which deals again), the row marked,
 * audited as done.
 */
public final class ComplianceAlerts {
  private static final Logger log = LoggerFactory.getLogger(ComplianceAlerts.class);

  /** The kinds a table raises; their resolution goes to {@code table-<id>}. */
  static final Set<String> TABLE_KINDS = Set.of(ComplianceAlert.HAND_LEDGER_MISMATCH);

  /** The most alerts one page lists. */
  public static final int PAGE = 200;

  /**
   * One alert as the page shows it.
   *
   * @param payload the record as it arrived, with both versions of the round
   */
  public record Alert(
      String alertId,
      String kind,
      UUID sessionId,
      UUID userId,
      String game,
      long round,
      Instant raisedAt,
      String payload,
      Instant resolvedAt,
      UUID resolvedBy,
      String resolution) {
    public boolean open() {
      return resolvedAt == null;
    }

    /** Whether a table raised it: {@code sessionId} is then the table's id. */
    public boolean table() {
      return TABLE_KINDS.contains(kind);
    }
  }

  private final DSLContext dsl;
  private final WorkflowClient temporal;
  private final AuditLog audit;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();
  private final AtomicLong open = new AtomicLong();

  public ComplianceAlerts(DSLContext dsl, WorkflowClient temporal, AuditLog audit, Clock clock) {
    this.dsl = dsl;
    this.temporal = temporal;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Keeps one record of {@code compliance.alerts}. Idempotent by alert id.
   *
   * @return whether it was new
   * @throws IllegalArgumentException the record is not an alert
   */
  public boolean keep(String value) {
    JsonNode a = json.readTree(value);
    String id = text(a, "alertId");
    String kind = text(a, "kind");
    // A table's alert names its table instead of a session: kept under the table id.
    String table = text(a, "tableId");
    String session = table != null ? table : text(a, "sessionId");
    if (id == null || kind == null || session == null || id.length() > 200) {
      throw new IllegalArgumentException(
          "not a compliance alert: alertId, kind, sessionId or tableId needed");
    }
    String user = text(a, "userId");
    int written =
        dsl.insertInto(COMPLIANCE_ALERTS)
            .set(COMPLIANCE_ALERTS.ALERT_ID, id)
            .set(COMPLIANCE_ALERTS.KIND, kind)
            .set(COMPLIANCE_ALERTS.SESSION_ID, UUID.fromString(session))
            .set(COMPLIANCE_ALERTS.USER_ID, user == null ? null : UUID.fromString(user))
            .set(COMPLIANCE_ALERTS.GAME, text(a, "game"))
            .set(COMPLIANCE_ALERTS.ROUND, a.path("round").asLong())
            .set(
                COMPLIANCE_ALERTS.RAISED_AT,
                OffsetDateTime.ofInstant(
                    Instant.ofEpochMilli(a.path("raisedAtMillis").asLong()), ZoneOffset.UTC))
            .set(COMPLIANCE_ALERTS.PAYLOAD, value)
            .onConflictDoNothing()
            .execute();
    if (written > 0) {
      log.warn("compliance alert {} ({}) on session {} kept", id, kind, session);
      refreshOpen();
    }
    return written > 0;
  }

  /** Open alerts first, newest first, then the resolved ones; at most {@link #PAGE}. */
  public List<Alert> list() {
    return dsl.selectFrom(COMPLIANCE_ALERTS)
        .orderBy(
            COMPLIANCE_ALERTS.RESOLVED_AT.isNull().desc(),
            COMPLIANCE_ALERTS.RAISED_AT.desc(),
            COMPLIANCE_ALERTS.ALERT_ID)
        .limit(PAGE)
        .fetch(ComplianceAlerts::alert);
  }

  /** Alerts not yet resolved (the gauge {@code croupier.admin.alerts.open}). */
  public long openCount() {
    return open.get();
  }

  /** Reads the open count again from the table. */
  public long refreshOpen() {
    long n = dsl.fetchCount(COMPLIANCE_ALERTS, COMPLIANCE_ALERTS.RESOLVED_AT.isNull());
    open.set(n);
    return n;
  }

  /**
   * Resolves an alert: the session's workflow is told (a session that has closed since needs
   * nothing lifted), then the row is marked. Audited as attempted and as it ended. Resolving a
   * resolved alert changes nothing and says so.
   *
   * @return what the page tells the staff member
   * @throws CroupierException {@code UNKNOWN_ALERT}, {@code VALIDATION_FAILED} (no reason), {@code
   *     UNAVAILABLE} (Temporal did not take the signal; nothing is marked)
   */
  public String resolve(Actor actor, String alertId, String reason) {
    String target = "alert:" + alertId;
    String why = AuditJson.reason(reason);
    Alert alert =
        dsl.selectFrom(COMPLIANCE_ALERTS)
            .where(COMPLIANCE_ALERTS.ALERT_ID.eq(alertId))
            .fetchOptional(ComplianceAlerts::alert)
            .orElseThrow(
                () -> new CroupierException(ErrorCode.UNKNOWN_ALERT, "no alert " + alertId));
    if (!alert.open()) {
      return "Alert " + alertId + " was already resolved.";
    }
    audit.append(
        actor, new AuditLog.Event("alert.resolve", target, why, null, null, Outcome.ATTEMPTED));
    try {
      signal(alert, actor, why);
      dsl.update(COMPLIANCE_ALERTS)
          .set(COMPLIANCE_ALERTS.RESOLVED_AT, OffsetDateTime.now(clock))
          .set(COMPLIANCE_ALERTS.RESOLVED_BY, actor.staff().staffId())
          .set(COMPLIANCE_ALERTS.RESOLUTION, why)
          .where(COMPLIANCE_ALERTS.ALERT_ID.eq(alertId))
          .and(COMPLIANCE_ALERTS.RESOLVED_AT.isNull())
          .execute();
    } catch (CroupierException e) {
      audit.append(
          actor,
          new AuditLog.Event(
              "alert.resolve",
              target,
              why,
              null,
              AuditJson.of("code", e.code().name()),
              Outcome.FAILED));
      throw e;
    }
    audit.append(
        actor,
        new AuditLog.Event(
            "alert.resolve",
            target,
            why,
            null,
            AuditJson.of(alert.table() ? "table" : "session", alert.sessionId().toString()),
            Outcome.OK));
    refreshOpen();
    if (alert.table()) {
      return "Alert " + alertId + " resolved; table " + alert.sessionId() + " deals again.";
    }
    return "Alert " + alertId + " resolved; session " + alert.sessionId() + " takes bets again.";
  }

  private void signal(Alert alert, Actor actor, String why) {
    boolean table = alert.table();
    String workflowId = (table ? "table-" : "session-") + alert.sessionId();
    ReviewResolution resolution = new ReviewResolution(alert.alertId(), actor.staff().email(), why);
    try {
      if (table) {
        temporal.newWorkflowStub(TableWorkflow.class, workflowId).resolveReview(resolution);
      } else {
        temporal.newWorkflowStub(GameSessionWorkflow.class, workflowId).resolveReview(resolution);
      }
    } catch (WorkflowNotFoundException closed) {
      log.info("alert {}: {} has closed; nothing to lift", alert.alertId(), workflowId);
    } catch (RuntimeException e) {
      throw new CroupierException(
          ErrorCode.UNAVAILABLE, "Temporal did not take the resolution: " + e.getClass().getName());
    }
  }

  private static Alert alert(ComplianceAlertsRecord r) {
    return new Alert(
        r.getAlertId(),
        r.getKind(),
        r.getSessionId(),
        r.getUserId(),
        r.getGame(),
        r.getRound(),
        r.getRaisedAt().toInstant(),
        r.getPayload(),
        r.getResolvedAt() == null ? null : r.getResolvedAt().toInstant(),
        r.getResolvedBy(),
        r.getResolution());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}
