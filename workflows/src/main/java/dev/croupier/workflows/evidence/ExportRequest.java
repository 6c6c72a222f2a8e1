package dev.croupier.workflows.evidence;

import java.util.Objects;
import java.util.UUID;

/**
 * What to export and for whom.
 *
 * <p>{@code scope} was added after the first exports ran: an export started before it carries only
 * {@code sessionId}, deserialises with a null scope and exports that one session, as it always did.
 *
 * @param exportId the export's id; its workflow is {@code evidence-<exportId>} and its bundle file
 *     {@code <exportId>.zip}
 * @param sessionId the game session whose evidence is exported, for a session scope; null otherwise
 * @param requestedBy the staff member's id, for the audit log
 * @param scope what the bundle covers; null in requests made before scopes (one session)
 */
public record ExportRequest(UUID exportId, UUID sessionId, UUID requestedBy, ExportScope scope) {
  public ExportRequest {
    Objects.requireNonNull(exportId, "exportId");
    Objects.requireNonNull(requestedBy, "requestedBy");
    if (sessionId == null && scope == null) {
      throw new NullPointerException("sessionId or scope");
    }
  }

  /** The export of one session. */
  public ExportRequest(UUID exportId, UUID sessionId, UUID requestedBy) {
    this(exportId, sessionId, requestedBy, ExportScope.session(sessionId));
  }

  /** An export of any scope. */
  public static ExportRequest of(UUID exportId, ExportScope scope, UUID requestedBy) {
    UUID session = scope.kind().equals(ExportScope.SESSION) ? scope.sessions().get(0) : null;
    return new ExportRequest(exportId, session, requestedBy, scope);
  }

  /** What the export covers: the scope, or the one session of a request made before scopes. */
  public ExportScope effectiveScope() {
    return scope != null ? scope : ExportScope.session(sessionId);
  }

  /** The workflow id of an export. */
  public static String workflowId(UUID exportId) {
    return "evidence-" + exportId;
  }
}
