package dev.croupier.admin.evidence;

import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.web.Actors;
import dev.croupier.admin.web.Requires;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributeKey;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The table inspector: find table workflows ({@code table-<id>}) by id, game, status and start time
 * through Temporal visibility; a table's page shows its runs (each a seed epoch, the
 * continue-as-new chain) with decoded histories and Web UI links, and its hands from the game
 * context's evidence API. Every search and view is audited. COMPLIANCE exports a table's bundle
 * over a time range from here.
 */
@Controller
class TablesController {
  private static final int LIMIT = 50;
  private static final int RUNS_SCANNED = 1000;
  private static final int HANDS_SHOWN = 100;
  private static final String TYPE = "WorkflowType = 'PokerTableWorkflow'";
  private static final Pattern GAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}(@[0-9.]{1,20})?");
  private static final Map<String, String> STATUSES =
      Map.of(
          "RUNNING", "Running",
          "COMPLETED", "Completed",
          "FAILED", "Failed",
          "TERMINATED", "Terminated",
          "CANCELED", "Canceled",
          "TIMED_OUT", "TimedOut");

  private final WorkflowClient temporal;
  private final Histories histories;
  private final GameEvidence game;
  private final Exports exports;
  private final AuditLog audit;

  TablesController(
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

  /** One table as visibility lists its latest run. */
  record TableRow(
      UUID tableId,
      String game,
      String status,
      Instant startedAt,
      Instant closedAt,
      String webUi) {}

  @Requires(Permission.SESSION_INSPECT)
  @GetMapping("/tables")
  String search(
      @RequestParam(defaultValue = "") String table,
      @RequestParam(defaultValue = "") String game,
      @RequestParam(defaultValue = "") String status,
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      HttpServletRequest request,
      Model model) {
    model.addAttribute("table", table.strip());
    model.addAttribute("game", game.strip());
    model.addAttribute("status", status.strip());
    model.addAttribute("from", from.strip());
    model.addAttribute("to", to.strip());
    List<String> where = new ArrayList<>(List.of(TYPE));
    if (!table.isBlank()) {
      where.add("WorkflowId = 'table-" + uuid("table", table.strip()) + "'");
    }
    if (!game.isBlank()) {
      if (!GAME.matcher(game.strip()).matches()) {
        throw new CroupierException(ErrorCode.VALIDATION_FAILED, "game: gameId or gameId@version");
      }
      where.add("CroupierGameId = '" + game.strip() + "'");
    }
    if (!status.isBlank()) {
      String s = STATUSES.get(status.strip().toUpperCase(java.util.Locale.ROOT));
      if (s == null) {
        throw new CroupierException(
            ErrorCode.VALIDATION_FAILED, "status: one of " + String.join(", ", STATUSES.keySet()));
      }
      where.add("ExecutionStatus = '" + s + "'");
    }
    if (!from.isBlank()) {
      where.add("StartTime >= '" + Ranges.instant("from", from) + "'");
    }
    if (!to.isBlank()) {
      where.add("StartTime < '" + Ranges.instant("to", to) + "'");
    }
    audit.append(
        Actors.of(request),
        new AuditLog.Event(
            "table.search",
            "tables",
            null,
            null,
            AuditJson.of(
                "table",
                table.strip(),
                "game",
                game.strip(),
                "status",
                status.strip(),
                "from",
                from.strip(),
                "to",
                to.strip()),
            Outcome.OK));
    try {
      // Visibility lists every run; a table shows once, as its latest run.
      Map<String, TableRow> tables = new LinkedHashMap<>();
      Iterator<WorkflowExecutionMetadata> runs =
          temporal.listExecutions(String.join(" AND ", where)).iterator();
      int scanned = 0;
      while (runs.hasNext() && tables.size() < LIMIT && scanned++ < RUNS_SCANNED) {
        WorkflowExecutionMetadata m = runs.next();
        tables.putIfAbsent(m.getExecution().getWorkflowId(), row(m));
      }
      model.addAttribute("tables", List.copyOf(tables.values()));
    } catch (RuntimeException e) {
      model.addAttribute("unavailable", "Temporal did not answer: " + e.getMessage());
    }
    return "tables";
  }

  @Requires(Permission.SESSION_INSPECT)
  @GetMapping("/tables/{tableId}")
  String table(
      @PathVariable UUID tableId,
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      HttpServletRequest request,
      Model model) {
    String workflowId = "table-" + tableId;
    List<WorkflowExecutionMetadata> found =
        temporal.listExecutions("WorkflowId = '" + workflowId + "'").limit(1).toList();
    if (found.isEmpty()) {
      throw new CroupierException(ErrorCode.UNKNOWN_TABLE, "no table " + tableId);
    }
    Instant start = from.isBlank() ? null : Ranges.instant("from", from);
    Instant end = to.isBlank() ? null : Ranges.instant("to", to);
    audit.append(
        Actors.of(request), AuditLog.Event.of("table.view", "table:" + tableId, Outcome.OK));
    model.addAttribute("inspected", row(found.get(0)));
    model.addAttribute("runs", histories.runs(workflowId));
    model.addAttribute("from", from.strip());
    model.addAttribute("to", to.strip());
    try {
      Map<String, Object> page = game.handsPage(tableId.toString(), start, end, HANDS_SHOWN);
      model.addAttribute("hands", page.get("hands"));
      model.addAttribute("handsTruncated", Boolean.TRUE.equals(page.get("truncated")));
    } catch (CroupierException e) {
      model.addAttribute("handsUnavailable", e.getMessage());
    }
    Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
    model.addAttribute("exportFrom", today.minus(1, ChronoUnit.DAYS).toString());
    model.addAttribute("exportTo", today.plus(1, ChronoUnit.DAYS).toString());
    return "table";
  }

  /**
   * Exports a table's runs that overlap {@code [from, to)} and its hands that started in it;
   * refused with {@code EXPORT_SCOPE_TOO_LARGE} (audited, nothing started) above {@code
   * croupier.admin.evidence.max-hands}.
   */
  @Requires(Permission.EVIDENCE_EXPORT)
  @PostMapping("/tables/{tableId}/exports")
  String export(
      @PathVariable UUID tableId,
      @RequestParam(defaultValue = "") String from,
      @RequestParam(defaultValue = "") String to,
      HttpServletRequest request) {
    UUID exportId =
        exports.startRange(Actors.of(request), "table", tableId, from, to, exports::tableScope);
    return "redirect:/exports/" + exportId;
  }

  private TableRow row(WorkflowExecutionMetadata m) {
    String id = m.getExecution().getWorkflowId();
    String game = m.getTypedSearchAttributes().get(SearchAttributeKey.forKeyword("CroupierGameId"));
    return new TableRow(
        UUID.fromString(id.substring("table-".length())),
        game == null ? "" : game,
        m.getStatus() == null ? "" : m.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
        m.getStartTime(),
        m.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
            ? null
            : m.getCloseTime(),
        histories.webUi(id));
  }

  private static UUID uuid(String name, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, name + ": a table id (UUID)");
    }
  }
}
