package dev.croupier.workflows.evidence;

import java.util.Objects;
import java.util.UUID;

/**
 * What to export and for whom.
 *
 * @param exportId the export's id; its workflow is {@code evidence-<exportId>} and its bundle file
 *     {@code <exportId>.zip}
 * @param sessionId the game session whose evidence is exported
 * @param requestedBy the staff member's id, for the audit log
 */
public record ExportRequest(UUID exportId, UUID sessionId, UUID requestedBy) {
  public ExportRequest {
    Objects.requireNonNull(exportId, "exportId");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(requestedBy, "requestedBy");
  }

  /** The workflow id of an export. */
  public static String workflowId(UUID exportId) {
    return "evidence-" + exportId;
  }
}
