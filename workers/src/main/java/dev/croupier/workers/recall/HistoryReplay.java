package dev.croupier.workers.recall;

import dev.croupier.workflows.session.GameSessionWorkflowImpl;
import dev.croupier.workflows.table.TableWorkflowImpl;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/**
 * The replay check of exported histories: each is replayed against the workflow code of this very
 * build, with the workers' data converter (so sealed seeds open as they do in production), on a
 * worker that is never started and so never polls. A history this code would not produce again
 * (non-determinism) fails with the SDK's detail.
 */
public final class HistoryReplay {
  private final Worker worker;
  private final MeterRegistry meters;

  /** The verdict on one history. */
  public record Verdict(String workflowId, String runId, boolean passed, String detail) {}

  HistoryReplay(WorkflowClient client, MeterRegistry meters) {
    this.meters = meters;
    // A factory of its own, never started: its worker only replays.
    this.worker = WorkerFactory.newInstance(client).newWorker("evidence-replay");
    worker.registerWorkflowImplementationTypes(
        GameSessionWorkflowImpl.class, TableWorkflowImpl.class);
  }

  /** Replays one history given in Temporal's JSON format; never throws for a failed replay. */
  public Verdict replay(String json) {
    WorkflowExecutionHistory history;
    try {
      history = WorkflowExecutionHistory.fromJson(json);
    } catch (RuntimeException unreadable) {
      count("unreadable");
      return new Verdict("", "", false, "not a Temporal JSON history: " + unreadable.getMessage());
    }
    String workflowId = history.getWorkflowExecution().getWorkflowId();
    String runId = history.getWorkflowExecution().getRunId();
    try {
      worker.replayWorkflowExecution(history);
      count("passed");
      return new Verdict(
          workflowId,
          runId,
          true,
          history.getEvents().size() + " events replayed on this build's workflow code");
    } catch (Exception e) {
      count("failed");
      Throwable root = e;
      StringBuilder detail = new StringBuilder();
      while (root != null) {
        if (!detail.isEmpty()) {
          detail.append(" <- ");
        }
        String message = String.valueOf(root.getMessage());
        int trace = message.indexOf("\n\tat ");
        detail
            .append(root.getClass().getSimpleName())
            .append(": ")
            .append(trace < 0 ? message : message.substring(0, trace));
        root = root.getCause() == root ? null : root.getCause();
        if (detail.length() > 2000) {
          break;
        }
      }
      String text = detail.length() > 2000 ? detail.substring(0, 2000) + "…" : detail.toString();
      return new Verdict(workflowId, runId, false, text);
    }
  }

  private void count(String outcome) {
    meters.counter("croupier.game.evidence.replays", "outcome", outcome).increment();
  }
}
