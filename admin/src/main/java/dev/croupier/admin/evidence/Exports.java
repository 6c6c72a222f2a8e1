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
import dev.croupier.workflows.evidence.ExportScope;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
  private final int maxSessions;
  private final int maxHands;
  private final GameEvidence game;
  private final PlayerHands playerHands;
  private final ExportMetrics metrics;

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
      AuditLog audit,
      int maxSessions,
      int maxHands,
      GameEvidence game,
      PlayerHands playerHands,
      ExportMetrics metrics) {
    this.temporal = temporal;
    this.taskQueue = taskQueue;
    this.directory = directory;
    this.keyConfigured = keyConfigured;
    this.audit = audit;
    this.maxSessions = maxSessions;
    this.maxHands = maxHands;
    this.game = game;
    this.playerHands = playerHands;
    this.metrics = metrics;
  }

  /** Builds the scope of an export over a time range, or refuses it. */
  @FunctionalInterface
  interface RangeScope {
    ExportScope of(UUID id, Instant from, Instant to);
  }

  /**
   * Starts an export of {@code kind:id} over {@code [from, to)} (ISO instants as the form sent
   * them). A scope refused (e.g. {@code EXPORT_SCOPE_TOO_LARGE}) is audited {@code REFUSED} with
   * the range and rethrown; nothing is started.
   */
  UUID startRange(Actor actor, String kind, UUID id, String from, String to, RangeScope scope) {
    Instant start = Ranges.instant("from", from);
    Instant end = Ranges.instant("to", to);
    ExportScope built;
    try {
      built = scope.of(id, start, end);
    } catch (CroupierException e) {
      audit.append(
          actor,
          new AuditLog.Event(
              "evidence.export",
              kind + ":" + id,
              null,
              null,
              AuditJson.of("scope", kind, "from", from, "to", to, "refused", e.code().name()),
              Outcome.REFUSED));
      throw e;
    }
    return start(actor, built);
  }

  /**
   * Starts the export of {@code scope}; returns its id at once. The request is audited with the
   * scope (its kind, subject, range and sessions) before anything starts.
   *
   * @throws CroupierException {@code UNAVAILABLE} when no export key is configured or Temporal does
   *     not take the start (nothing is exported; the attempt is audited)
   */
  UUID start(Actor actor, ExportScope scope) {
    UUID exportId = UUID.randomUUID();
    audit.append(
        actor,
        new AuditLog.Event(
            "evidence.export",
            scope.target(),
            null,
            null,
            AuditJson.of(
                "export",
                exportId.toString(),
                "scope",
                scope.kind(),
                "from",
                String.valueOf(scope.from()),
                "to",
                String.valueOf(scope.to()),
                "sessions",
                scope.sessions().size()),
            keyConfigured ? Outcome.ATTEMPTED : Outcome.REFUSED));
    if (!keyConfigured) {
      metrics.refused(scope.kind());
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
          stub::export, ExportRequest.of(exportId, scope, actor.staff().staffId()));
    } catch (RuntimeException e) {
      metrics.refused(scope.kind());
      throw new CroupierException(
          ErrorCode.UNAVAILABLE, "Temporal did not take the export: " + e.getMessage());
    }
    return exportId;
  }

  /**
   * The scope of a player's export: every session of the player whose first run started in {@code
   * [from, to)}, found through visibility ({@code CroupierUserId}, {@code StartTime}) page by page.
   * A run that started in the range but continues a session begun before it is left out. The poker
   * hands the player sat in that started in the range ({@link PlayerHands}) are exported too.
   *
   * @throws CroupierException {@code VALIDATION_FAILED} for an empty or reversed range; {@code
   *     EXPORT_SCOPE_TOO_LARGE} for more than {@code maxSessions} sessions or {@code maxHands}
   *     hands; {@code UNAVAILABLE} when Temporal, the wallet or the hands endpoint do not answer
   */
  ExportScope playerScope(UUID playerId, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "from must be before to");
    }
    String range = " AND StartTime >= '" + from + "' AND StartTime < '" + to + "'";
    Set<UUID> sessions = new LinkedHashSet<>();
    try {
      Iterator<WorkflowExecutionMetadata> runs =
          temporal
              .listExecutions(
                  "WorkflowType = 'GameSessionWorkflow' AND CroupierUserId = '"
                      + playerId
                      + "'"
                      + range)
              .iterator();
      while (runs.hasNext()) {
        String id = runs.next().getExecution().getWorkflowId();
        UUID session = UUID.fromString(id.substring("session-".length()));
        if (sessions.contains(session) || startedBefore(id, from)) {
          continue;
        }
        sessions.add(session);
        if (sessions.size() > maxSessions) {
          throw new CroupierException(
              ErrorCode.EXPORT_SCOPE_TOO_LARGE,
              "more than "
                  + maxSessions
                  + " sessions of this player started in the range; narrow it");
        }
      }
    } catch (CroupierException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CroupierException(
          ErrorCode.UNAVAILABLE, "Temporal did not answer: " + e.getMessage());
    }
    // The poker hands the player sat in are counted now, so that too many is refused up front.
    playerHands.find(playerId, from, to, maxHands);
    return ExportScope.player(playerId, from, to, List.copyOf(sessions).reversed());
  }

  /**
   * The scope of a table's export over {@code [from, to)}: the table must exist, and hold at most
   * {@code maxHands} hands that started in the range (counted through the hands endpoint).
   *
   * @throws CroupierException {@code VALIDATION_FAILED} for an empty or reversed range; {@code
   *     UNKNOWN_TABLE}; {@code EXPORT_SCOPE_TOO_LARGE} above {@code maxHands}; {@code UNAVAILABLE}
   *     when Temporal or the workers' hands endpoint do not answer
   */
  ExportScope tableScope(UUID tableId, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "from must be before to");
    }
    boolean exists;
    try {
      exists =
          temporal.listExecutions("WorkflowId = 'table-" + tableId + "'").findAny().isPresent();
    } catch (RuntimeException e) {
      throw new CroupierException(
          ErrorCode.UNAVAILABLE, "Temporal did not answer: " + e.getMessage());
    }
    if (!exists) {
      throw new CroupierException(ErrorCode.UNKNOWN_TABLE, "no table " + tableId);
    }
    game.hands(tableId.toString(), from, to, maxHands);
    return ExportScope.table(tableId.toString(), from, to);
  }

  /** The most hands one table export may hold. */
  int maxHands() {
    return maxHands;
  }

  private boolean startedBefore(String workflowId, Instant from) {
    return temporal
        .listExecutions("WorkflowId = '" + workflowId + "' AND StartTime < '" + from + "'")
        .findAny()
        .isPresent();
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

  /** The most sessions one player export may hold. */
  int maxSessions() {
    return maxSessions;
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
