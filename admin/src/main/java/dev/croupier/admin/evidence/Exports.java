package dev.croupier.admin.evidence;

import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.workflows.evidence.EvidenceExportWorkflow;
import dev.croupier.workflows.evidence.ExportProgress;
import dev.croupier.workflows.evidence.ExportRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Starts evidence exports as workflows ({@code evidence-<export id>}) and reports on them. The
 * request is audited as {@code ATTEMPTED} before the workflow starts, and the workflow audits the
 * sealed bundle under the same export id; every download is audited too.
 */
final class Exports {
  private final WorkflowClient temporal;
  private final String taskQueue;
  private final Path directory;
  private final boolean keyConfigured;
  private final AuditLog audit;

  /**
   * Where an export is.
   *
   * @param status the workflow's status: {@code RUNNING}, {@code COMPLETED}, {@code FAILED} …
   * @param progress the last step reached, with its counts
   */
  record Status(UUID exportId, String status, ExportProgress progress) {
    public boolean sealed() {
      return "SEALED".equals(progress.step()) && "COMPLETED".equals(status);
    }

    public boolean replayPassed() {
      return progress.replayFailed() == 0 && progress.replayPassed() > 0;
    }
  }

  Exports(
      WorkflowClient temporal,
      String taskQueue,
      Path directory,
      boolean keyConfigured,
      AuditLog audit) {
    this.temporal = temporal;
    this.taskQueue = taskQueue;
    this.directory = directory;
    this.keyConfigured = keyConfigured;
    this.audit = audit;
  }

  /**
   * Starts the export of one session's evidence; returns its id at once.
   *
   * @throws CroupierException {@code UNAVAILABLE} when no export key is configured or Temporal does
   *     not take the start (nothing is exported; the attempt is audited)
   */
  UUID start(Actor actor, UUID sessionId) {
    UUID exportId = UUID.randomUUID();
    audit.append(
        actor,
        new AuditLog.Event(
            "evidence.export",
            "session:" + sessionId,
            null,
            null,
            AuditJson.of("export", exportId.toString()),
            keyConfigured ? Outcome.ATTEMPTED : Outcome.REFUSED));
    if (!keyConfigured) {
      throw new CroupierException(
          ErrorCode.UNAVAILABLE,
          "No export key is configured (CROUPIER_EVIDENCE_SIGNING_KEY): bundles cannot be signed.");
    }
    EvidenceExportWorkflow stub =
        temporal.newWorkflowStub(
            EvidenceExportWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ExportRequest.workflowId(exportId))
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(
          stub::export, new ExportRequest(exportId, sessionId, actor.staff().staffId()));
    } catch (RuntimeException e) {
      throw new CroupierException(
          ErrorCode.UNAVAILABLE, "Temporal did not take the export: " + e.getMessage());
    }
    return exportId;
  }

  /**
   * Where the export is.
   *
   * @throws CroupierException {@code VALIDATION_FAILED} for an unknown export id
   */
  Status status(UUID exportId) {
    String id = ExportRequest.workflowId(exportId);
    try {
      WorkflowExecutionDescription d = temporal.newUntypedWorkflowStub(id).describe();
      WorkflowExecutionStatus s = d.getWorkflowExecutionInfo().getStatus();
      ExportProgress progress =
          temporal.newWorkflowStub(EvidenceExportWorkflow.class, id).progress();
      return new Status(exportId, s.name().replace("WORKFLOW_EXECUTION_STATUS_", ""), progress);
    } catch (WorkflowNotFoundException | io.grpc.StatusRuntimeException notFound) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "no export " + exportId);
    }
  }

  /** The run id of a workflow's latest run (a history fetched by workflow id alone names none). */
  static String latestRunId(WorkflowClient temporal, String workflowId) {
    return temporal
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getWorkflowExecutionInfo()
        .getExecution()
        .getRunId();
  }

  /** The sealed bundle's file, once it exists. */
  Optional<Path> bundle(UUID exportId) {
    Path f = directory.resolve(exportId + ".zip");
    return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
  }
}
