package dev.croupier.workflows.evidence;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What the export workflow asks of the admin app, which reads Temporal, the game context's evidence
 * API and holds the export key. Each step writes files into the export's own staging directory and
 * may run again after a crash: it rewrites the same files from the same records.
 */
@ActivityInterface(namePrefix = "Evidence.")
public interface EvidenceActivities {

  /**
   * Every run of each session's workflow in scope (the continue-as-new chain), or of the table's
   * workflow that overlaps the range, in Temporal's JSON format.
   */
  @ActivityMethod
  int collectHistories(ExportRequest request);

  /**
   * The sessions' rounds with their proofs, or the table's hands in the range; the ledger
   * transactions; the games' hashes. Returns how many rounds (or hands).
   */
  @ActivityMethod
  int collectRecords(ExportRequest request);

  /** Replays every collected history against this build's workflow code. */
  @ActivityMethod
  ReplaySummary replay(ExportRequest request);

  /** Writes the signed zip and audits the export as done. */
  @ActivityMethod
  SealedBundle seal(ExportRequest request);
}
