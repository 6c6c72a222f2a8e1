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

  /** Every run of the session's workflow (the continue-as-new chain), in Temporal's JSON format. */
  @ActivityMethod
  int collectHistories(ExportRequest request);

  /** The session's rounds with their proofs, the ledger transactions, the games' hashes. */
  @ActivityMethod
  int collectRecords(ExportRequest request);

  /** Replays every collected history against this build's workflow code. */
  @ActivityMethod
  ReplaySummary replay(ExportRequest request);

  /** Writes the signed zip and audits the export as done. */
  @ActivityMethod
  SealedBundle seal(ExportRequest request);
}
