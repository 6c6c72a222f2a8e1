package dev.croupier.admin.evidence;

import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.web.Actors;
import dev.croupier.admin.web.Requires;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.workflows.evidence.ExportScope;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributeKey;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The session inspector (find sessions by player, game and status through Temporal visibility; a
 * session's decoded history, its rounds with their proofs and ledger entries, links into the Web
 * UI) and evidence exports. Every search, view, export and download is audited.
 */
@Controller
class SessionsController {
  private static final int LIMIT = 50;
  private static final Pattern GAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}(@[0-9.]{1,20})?");
  private static final Pattern STATUS = Pattern.compile("OPEN|CLOSED|[A-Z_]{1,20}");

  private final WorkflowClient temporal;
  private final Histories histories;
  private final GameEvidence game;
  private final Exports exports;
  private final AuditLog audit;

  SessionsController(
      WorkflowClient temporal,
      Histories histories,
      GameEvidence game,
      Exports exports,
      AuditLog audit) {
    this.temporal = temporal;
    this.histories = histories;
    this.game = game;
    this.exports = exports;
    this.audit = audit;
  }

  /** One session as visibility lists it. */
  record SessionRow(
      UUID sessionId,
      String userId,
      String game,
      String status,
      Instant startedAt,
      Instant closedAt,
      String webUi) {}

  @Requires(Permission.SESSION_INSPECT)
  @GetMapping("/sessions")
  String search(
      @RequestParam(defaultValue = "") String player,
      @RequestParam(defaultValue = "") String game,
      @RequestParam(defaultValue = "") String status,
      HttpServletRequest request,
      Model model) {
    model.addAttribute("player", player.strip());
    model.addAttribute("game", game.strip());
    model.addAttribute("status", status.strip());
    List<String> where = new ArrayList<>(List.of("WorkflowType = 'GameSessionWorkflow'"));
    if (!player.isBlank()) {
      where.add("CroupierUserId = '" + uuid("player", player.strip()) + "'");
    }
    if (!game.isBlank()) {
      if (!GAME.matcher(game.strip()).matches()) {
        throw new CroupierException(ErrorCode.VALIDATION_FAILED, "game: gameId or gameId@version");
      }
      where.add("CroupierGameId = '" + game.strip() + "'");
    }
    if (!status.isBlank()) {
      if (!STATUS.matcher(status.strip()).matches()) {
        throw new CroupierException(ErrorCode.VALIDATION_FAILED, "status: OPEN or CLOSED");
      }
      where.add("CroupierSessionStatus = '" + status.strip() + "'");
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.DAYS);
    model.addAttribute("exportFrom", now.minus(30, ChronoUnit.DAYS).toString());
    model.addAttribute("exportTo", now.plus(1, ChronoUnit.DAYS).toString());
    model.addAttribute("maxSessions", exports.maxSessions());
    model.addAttribute("maxHands", exports.maxHands());
    if (player.isBlank() && game.isBlank() && status.isBlank()) {
      return "sessions";
    }
    audit.append(
        Actors.of(request),
        new AuditLog.Event(
            "session.search",
            "sessions",
            null,
            null,
            AuditJson.of("player", player.strip(), "game", game.strip(), "status", status.strip()),
            Outcome.OK));
    try {
      model.addAttribute(
          "sessions",
          temporal
              .listExecutions(String.join(" AND ", where))
              .limit(LIMIT)
              .map(this::row)
              .toList());
    } catch (RuntimeException e) {
      model.addAttribute("unavailable", "Temporal did not answer: " + e.getMessage());
    }
    return "sessions";
  }

  @Requires(Permission.SESSION_INSPECT)
  @GetMapping("/sessions/{sessionId}")
  String session(@PathVariable UUID sessionId, HttpServletRequest request, Model model) {
    String workflowId = "session-" + sessionId;
    List<WorkflowExecutionMetadata> found =
        temporal.listExecutions("WorkflowId = '" + workflowId + "'").limit(1).toList();
    if (found.isEmpty()) {
      throw new CroupierException(ErrorCode.UNKNOWN_SESSION, "no session " + sessionId);
    }
    audit.append(
        Actors.of(request), AuditLog.Event.of("session.view", "session:" + sessionId, Outcome.OK));
    model.addAttribute("inspected", row(found.get(0)));
    model.addAttribute("runs", histories.runs(workflowId));
    try {
      model.addAttribute("rounds", game.rounds(sessionId));
    } catch (CroupierException e) {
      model.addAttribute("roundsUnavailable", e.getMessage());
    }
    return "session";
  }

  @Requires(Permission.EVIDENCE_EXPORT)
  @PostMapping("/sessions/{sessionId}/exports")
  String export(@PathVariable UUID sessionId, HttpServletRequest request) {
    UUID exportId = exports.start(Actors.of(request), ExportScope.session(sessionId));
    return "redirect:/exports/" + exportId;
  }

  /**
   * Exports every session of a player that started in {@code [from, to)}; refused with {@code
   * EXPORT_SCOPE_TOO_LARGE} (audited, nothing started) above {@code
   * croupier.admin.evidence.max-sessions}.
   */
  @Requires(Permission.EVIDENCE_EXPORT)
  @PostMapping("/players/{playerId}/exports")
  String exportPlayer(
      @PathVariable UUID playerId,
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      HttpServletRequest request) {
    UUID exportId =
        exports.startRange(Actors.of(request), "player", playerId, from, to, exports::playerScope);
    return "redirect:/exports/" + exportId;
  }

  @Requires(Permission.EVIDENCE_EXPORT)
  @GetMapping("/exports/{exportId}")
  String exportStatus(@PathVariable UUID exportId, Model model) {
    Exports.Status status = exports.status(exportId);
    model.addAttribute("export", status);
    model.addAttribute("ready", exports.bundle(exportId).isPresent() && status.sealed());
    return "export";
  }

  @Requires(Permission.EVIDENCE_EXPORT)
  @GetMapping("/exports/{exportId}/bundle.zip")
  ResponseEntity<FileSystemResource> download(
      @PathVariable UUID exportId, HttpServletRequest request) {
    Path file =
        exports
            .bundle(exportId)
            .orElseThrow(
                () ->
                    new CroupierException(
                        ErrorCode.VALIDATION_FAILED, "export " + exportId + " is not sealed"));
    audit.append(
        Actors.of(request),
        AuditLog.Event.of("evidence.download", "export:" + exportId, Outcome.OK));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"evidence-" + exportId + ".zip\"")
        .body(new FileSystemResource(file));
  }

  private SessionRow row(WorkflowExecutionMetadata m) {
    String id = m.getExecution().getWorkflowId();
    String status =
        keyword(m, "CroupierSessionStatus")
            .orElse(
                m.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
                    ? "OPEN"
                    : m.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""));
    return new SessionRow(
        UUID.fromString(id.substring("session-".length())),
        keyword(m, "CroupierUserId").orElse(""),
        keyword(m, "CroupierGameId").orElse(""),
        status,
        m.getStartTime(),
        m.getCloseTime(),
        histories.webUi(id));
  }

  private static Optional<String> keyword(WorkflowExecutionMetadata m, String name) {
    return Optional.ofNullable(
        m.getTypedSearchAttributes().get(SearchAttributeKey.forKeyword(name)));
  }

  private static UUID uuid(String name, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, name + ": a user id (UUID)");
    }
  }
}
