package dev.croupier.admin.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.admin.StaffSession;
import dev.croupier.admin.TestAdmin;
import dev.croupier.admin.staff.Role;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.workflows.session.ComplianceAlert;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compliance alerts in admin, against a real broker, PostgreSQL and Temporal server: an alert
 * published on the topic (twice, as at-least-once delivery may, next to a record that is no alert)
 * is kept once and shown with both versions; only COMPLIANCE and ADMIN see it, only COMPLIANCE
 * resolves it; every view and resolution is audited; a resolution without a reason or of an unknown
 * alert is refused with its code; the resolution reaches the session's workflow as the {@code
 * resolveReview} signal in its history, and the open-alert gauge falls to zero.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class ComplianceAlertsTest {
  private static TestAdmin admin;
  private static TestAdmin.Member root;
  private static String topic;
  private static String bootstrap;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    bootstrap = kafka.bootstrapServers();
    topic = KafkaTopics.create(bootstrap, "compliance.alerts", 3);
    admin =
        TestAdmin.start(
            db,
            Map.of(
                "croupier.admin.kafka.bootstrap-servers",
                bootstrap,
                "croupier.admin.kafka.alerts-topic",
                topic,
                "croupier.admin.temporal.target",
                temporal.target(),
                "croupier.admin.temporal.namespace",
                temporal.settings().namespace(),
                "croupier.admin.temporal.task-queue",
                "admin-alerts-" + UUID.randomUUID()));
    root = admin.bootstrapAdmin("root@example.com");
  }

  @AfterAll
  static void stop() {
    admin.close();
  }

  @Test
  void anAlertIsKeptOnceShownWithBothVersionsAndItsResolutionSignalsTheSession() {
    UUID sessionId = UUID.randomUUID();
    UUID userId = UUID.randomUUID();
    // The session's workflow, as the gateway starts it; no worker needs to run it to take a signal.
    WorkflowClient temporal = admin.bean(WorkflowClient.class);
    String workflowId = "session-" + sessionId;
    temporal
        .newUntypedWorkflowStub(
            "GameSessionWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue("nobody-polls-" + sessionId)
                .build())
        .start((Object) null);
    ComplianceAlert alert =
        new ComplianceAlert(
            ComplianceAlert.idOf(sessionId, 2),
            ComplianceAlert.ROUND_MISMATCH,
            sessionId,
            userId,
            "slot-classic@1.0.0",
            2,
            System.currentTimeMillis(),
            new ComplianceAlert.Version(
                4711, "ghost-request", "seed-1", 100, 987_654_321, "COIN", null),
            new ComplianceAlert.Version(
                0, "ghost-request", "seed-1", 100, 250, "COIN", Map.of("lines", List.of(3))),
            null,
            null);
    String value = JsonMapper.builder().build().writeValueAsString(alert);
    publish(sessionId.toString(), value);
    publish(sessionId.toString(), "not an alert");
    publish(sessionId.toString(), value);

    StaffSession compliance = signedIn(Role.COMPLIANCE);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> compliance.get("/alerts").body().contains(alert.alertId()));
    String page = compliance.get("/alerts").body();
    assertThat(page)
        .contains("987654321")
        .contains("ghost-request")
        .contains("250")
        .contains("OPEN")
        .contains("Resolve and lift the hold");
    assertThat(
            admin
                .dsl()
                .fetchCount(
                    DSL.table("admin.compliance_alerts"),
                    DSL.field("alert_id").eq(alert.alertId())))
        .isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> meter("croupier.admin.alerts.skipped") >= 1);
    assertThat(gauge("croupier.admin.alerts.open")).isEqualTo(1.0);
    assertThat(auditCount("alert.list", "alerts")).isGreaterThanOrEqualTo(2);

    // OPS sees nothing; ADMIN sees but may not resolve.
    StaffSession ops = signedIn(Role.OPS);
    assertThat(ops.get("/alerts").statusCode()).isEqualTo(403);
    StaffSession adminRole = signedIn(Role.ADMIN);
    assertThat(adminRole.get("/alerts").body())
        .contains(alert.alertId())
        .doesNotContain("Resolve and lift the hold");
    assertThat(
            adminRole
                .post("/alerts/resolve", Map.of("alertId", alert.alertId(), "reason", "by admin"))
                .statusCode())
        .isEqualTo(403);

    HttpResponse<String> noReason =
        compliance.post("/alerts/resolve", Map.of("alertId", alert.alertId(), "reason", "ok"));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.body()).contains("VALIDATION_FAILED");
    HttpResponse<String> unknown =
        compliance.post(
            "/alerts/resolve",
            Map.of("alertId", "session-x/round-1/mismatch", "reason", "checked"));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("UNKNOWN_ALERT");

    String reason = "ledger row 4711 checked against the certified game";
    assertThat(
            compliance
                .post("/alerts/resolve", Map.of("alertId", alert.alertId(), "reason", reason))
                .statusCode())
        .isEqualTo(302);

    List<HistoryEvent> signals =
        temporal.fetchHistory(workflowId).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
            .toList();
    assertThat(signals).hasSize(1);
    var signaled = signals.getFirst().getWorkflowExecutionSignaledEventAttributes();
    assertThat(signaled.getSignalName()).isEqualTo("resolveReview");
    String input = signaled.getInput().getPayloads(0).getData().toString(StandardCharsets.UTF_8);
    assertThat(input).contains(alert.alertId()).contains(reason);
    assertThat(compliance.get("/alerts").body()).contains("RESOLVED").contains(reason);
    assertThat(auditCount("alert.resolve", "alert:" + alert.alertId())).isEqualTo(2);
    assertThat(gauge("croupier.admin.alerts.open")).isZero();

    // Again: nothing more is signalled or audited.
    compliance.post("/alerts/resolve", Map.of("alertId", alert.alertId(), "reason", reason));
    assertThat(
            temporal.fetchHistory(workflowId).getEvents().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
                .count())
        .isEqualTo(1);
    assertThat(auditCount("alert.resolve", "alert:" + alert.alertId())).isEqualTo(2);
    temporal.newUntypedWorkflowStub(workflowId).terminate("test done");
  }

  @Test
  void aTableAlertIsKeptUnderItsTableAndItsResolutionSignalsTheTable() {
    UUID tableId = UUID.randomUUID();
    WorkflowClient temporal = admin.bean(WorkflowClient.class);
    String workflowId = "table-" + tableId;
    temporal
        .newUntypedWorkflowStub(
            "PokerTableWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue("nobody-polls-" + tableId)
                .build())
        .start((Object) null);
    String key = "table-" + tableId + "/hand-3/rake";
    ComplianceAlert alert =
        new ComplianceAlert(
            ComplianceAlert.idOfHand(tableId, 3),
            ComplianceAlert.HAND_LEDGER_MISMATCH,
            null,
            null,
            "poker-nlhe@1.0.0",
            3,
            System.currentTimeMillis(),
            new ComplianceAlert.Version(815, key, null, 0, 777, "COIN", Map.of("kind", "RAKE")),
            new ComplianceAlert.Version(0, key, null, 0, 5, "COIN", Map.of("kind", "RAKE")),
            tableId,
            key);
    publish(tableId.toString(), JsonMapper.builder().build().writeValueAsString(alert));

    StaffSession compliance = signedIn(Role.COMPLIANCE);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> compliance.get("/alerts").body().contains(alert.alertId()));
    assertThat(compliance.get("/alerts").body())
        .contains("HAND_LEDGER_MISMATCH")
        .contains("of table")
        .contains("Table computed")
        .contains("777");

    String reason = "rake row 815 corrected by finance";
    HttpResponse<String> resolved =
        compliance.post("/alerts/resolve", Map.of("alertId", alert.alertId(), "reason", reason));
    assertThat(resolved.statusCode()).isEqualTo(302);
    List<HistoryEvent> signals =
        temporal.fetchHistory(workflowId).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
            .toList();
    assertThat(signals).hasSize(1);
    var signaled = signals.getFirst().getWorkflowExecutionSignaledEventAttributes();
    assertThat(signaled.getSignalName()).isEqualTo("resolveReview");
    assertThat(signaled.getInput().getPayloads(0).getData().toString(StandardCharsets.UTF_8))
        .contains(alert.alertId())
        .contains(reason);
    assertThat(compliance.get("/alerts").body()).contains("deals again");
    assertThat(auditCount("alert.resolve", "alert:" + alert.alertId())).isEqualTo(2);
    temporal.newUntypedWorkflowStub(workflowId).terminate("test done");
  }

  private static void publish(String key, String value) {
    try (KafkaProducer<String, String> p =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
      p.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static double meter(String name) {
    var c = admin.bean(MeterRegistry.class).find(name).functionCounter();
    return c == null ? 0 : c.count();
  }

  private static double gauge(String name) {
    return admin.bean(MeterRegistry.class).get(name).gauge().value();
  }

  private static long auditCount(String action, String target) {
    return admin
        .dsl()
        .fetchCount(
            DSL.table("admin.audit_log"),
            DSL.field("action").eq(action).and(DSL.field("target").eq(target)));
  }

  private static StaffSession signedIn(Role role) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    TestAdmin.Member m = admin.enrolled(root, id + "@example.com", "Staff " + id, role);
    StaffSession s = new StaffSession(admin.base());
    assertThat(s.signIn(m).statusCode()).isEqualTo(302);
    return s;
  }
}
