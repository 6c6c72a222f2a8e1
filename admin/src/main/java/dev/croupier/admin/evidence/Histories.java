package dev.croupier.admin.evidence;

import dev.croupier.admin.AdminProperties;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inspector's reading of workflow histories, for sessions and tables alike: every run of a
 * workflow (the continue-as-new chain, oldest first), each event decoded for reading (updates,
 * signals, markers, timers), and links into the Temporal Web UI.
 */
final class Histories {
  private static final int MAX_EVENTS = 2000;

  private final WorkflowClient temporal;
  private final AdminProperties.Temporal settings;
  private final DataConverter converter = DataConverter.getDefaultInstance();

  Histories(WorkflowClient temporal, AdminProperties properties) {
    this.temporal = temporal;
    this.settings = properties.temporal();
  }

  /** One event of a history, decoded for reading. */
  record EventRow(long id, Instant time, String type, String detail) {}

  /**
   * One run: its number in the chain (from 1, the first run; for a table, its seed epoch), its id,
   * when it started and closed (null while it runs), its events and its Web UI link.
   */
  record Run(
      int number,
      String runId,
      Instant startedAt,
      Instant closedAt,
      List<EventRow> events,
      String webUi) {}

  /** Every run of {@code workflowId}, oldest first, up to {@value #MAX_EVENTS} events in all. */
  List<Run> runs(String workflowId) {
    List<WorkflowExecutionHistory> chain = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    String runId = Exports.latestRunId(temporal, workflowId);
    int events = 0;
    while (!runId.isEmpty() && events < MAX_EVENTS) {
      WorkflowExecutionHistory run = temporal.fetchHistory(workflowId, runId);
      chain.add(0, run);
      ids.add(0, runId);
      events += run.getEvents().size();
      runId =
          run.getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
    }
    // Numbered from the first run when the whole chain was read, else from the oldest one read.
    int first = runId.isEmpty() ? 1 : 0;
    List<Run> out = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      List<HistoryEvent> history = chain.get(i).getEvents();
      List<EventRow> rows = new ArrayList<>();
      for (HistoryEvent e : history) {
        rows.add(event(e));
      }
      HistoryEvent last = history.get(history.size() - 1);
      out.add(
          new Run(
              first == 1 ? i + 1 : 0,
              ids.get(i),
              rows.get(0).time(),
              closes(last) ? rows.get(rows.size() - 1).time() : null,
              rows,
              webUi(workflowId) + "/" + ids.get(i)));
    }
    return out;
  }

  /** The Web UI's page of a workflow. */
  String webUi(String workflowId) {
    return settings.webUiUrl()
        + "/namespaces/"
        + URLEncoder.encode(settings.namespace(), StandardCharsets.UTF_8)
        + "/workflows/"
        + URLEncoder.encode(workflowId, StandardCharsets.UTF_8);
  }

  /** Whether an event ends its run. */
  static boolean closes(HistoryEvent e) {
    EventType t = e.getEventType();
    return t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
        || t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED
        || t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT
        || t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED
        || t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED
        || t == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW;
  }

  static Instant time(HistoryEvent e) {
    return Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos());
  }

  private EventRow event(HistoryEvent e) {
    String type = e.getEventType().name().replace("EVENT_TYPE_", "");
    String detail = "";
    if (e.hasMarkerRecordedEventAttributes()
        && e.getMarkerRecordedEventAttributes().getDetailsMap().containsKey("type")) {
      Payloads t = e.getMarkerRecordedEventAttributes().getDetailsMap().get("type");
      detail = converter.fromPayloads(0, Optional.of(t), String.class, String.class);
    } else if (e.hasWorkflowExecutionUpdateAcceptedEventAttributes()) {
      detail =
          e.getWorkflowExecutionUpdateAcceptedEventAttributes()
              .getAcceptedRequest()
              .getInput()
              .getName();
    } else if (e.hasWorkflowExecutionSignaledEventAttributes()) {
      detail = e.getWorkflowExecutionSignaledEventAttributes().getSignalName();
    } else if (e.hasTimerStartedEventAttributes()) {
      detail = e.getTimerStartedEventAttributes().getTimerId();
    } else if (e.hasActivityTaskScheduledEventAttributes()) {
      detail = e.getActivityTaskScheduledEventAttributes().getActivityType().getName();
    }
    return new EventRow(e.getEventId(), time(e), type, detail);
  }
}
