package dev.croupier.workflows.evidence;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Gathers, replays and seals, one activity per step; a restarted worker resumes at the step it was
 * in. Each step is retried with a bounded backoff; a step that keeps failing fails the export (the
 * admin page names the step), and nothing half-written is ever offered as a bundle: only {@code
 * seal} writes the zip, and it writes it whole.
 */
public final class EvidenceExportWorkflowImpl implements EvidenceExportWorkflow {
  private final EvidenceActivities activities =
      Workflow.newActivityStub(
          EvidenceActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(10))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setBackoffCoefficient(2)
                      .setMaximumInterval(Duration.ofMinutes(1))
                      .setMaximumAttempts(10)
                      .build())
              .build());

  private ExportProgress progress = ExportProgress.started();

  @Override
  public ExportProgress export(ExportRequest request) {
    int runs = activities.collectHistories(request);
    progress = new ExportProgress("HISTORIES", runs, 0, 0, 0, null, 0);
    int rounds = activities.collectRecords(request);
    progress = new ExportProgress("RECORDS", runs, rounds, 0, 0, null, 0);
    ReplaySummary replay = activities.replay(request);
    progress =
        new ExportProgress("REPLAY", runs, rounds, replay.passed(), replay.failed(), null, 0);
    SealedBundle sealed = activities.seal(request);
    progress =
        new ExportProgress(
            "SEALED",
            runs,
            rounds,
            replay.passed(),
            replay.failed(),
            sealed.sha256(),
            sealed.bytes());
    return progress;
  }

  @Override
  public ExportProgress progress() {
    return progress;
  }
}
