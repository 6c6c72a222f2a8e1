package dev.croupier.client.testing;

import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;

/**
 * The text of every payload in a workflow history: inputs, results, markers, update arguments and
 * continue-as-new carries. A history's JSON shows payloads as base64, so searching it for a secret
 * finds nothing whether or not the secret is there.
 */
public final class HistoryPayloads {
  private HistoryPayloads() {}

  /** Every payload's bytes as UTF-8, one per line, in event order. */
  public static String text(WorkflowExecutionHistory history) {
    StringBuilder out = new StringBuilder();
    history.getEvents().forEach(e -> collect(e, out));
    return out.toString();
  }

  /** {@link #text} of every run of {@code workflowId}, the latest run first. */
  public static String allRuns(WorkflowClient client, String workflowId) {
    StringBuilder out = new StringBuilder();
    String runId = "";
    do {
      WorkflowExecutionHistory run = client.fetchHistory(workflowId, runId);
      out.append(text(run));
      runId =
          run.getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
    } while (!runId.isEmpty());
    return out.toString();
  }

  private static void collect(Object value, StringBuilder out) {
    if (value instanceof Payload p) {
      out.append(p.getData().toStringUtf8()).append('\n');
    } else if (value instanceof Message m) {
      m.getAllFields().values().forEach(v -> collect(v, out));
    } else if (value instanceof List<?> list) {
      list.forEach(v -> collect(v, out));
    }
  }
}
