package dev.croupier.workflows.evidence;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One evidence export, {@code evidence-<exportId>}, on admin's evidence task queue. */
@WorkflowInterface
public interface EvidenceExportWorkflow {

  /** Gathers, replays and seals; returns the final progress (step {@code SEALED}). */
  @WorkflowMethod
  ExportProgress export(ExportRequest request);

  /** Where the export is now. */
  @QueryMethod
  ExportProgress progress();
}
