package dev.croupier.admin.alerts;

import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.web.Actors;
import dev.croupier.admin.web.PageModel;
import dev.croupier.admin.web.Requires;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alerts page: every alert with both versions of its round (each view audited), and the
 * resolution of one, with a reason (audited as attempted and as it ended).
 */
@Controller
class AlertsController {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ComplianceAlerts alerts;
  private final AuditLog audit;

  AlertsController(ComplianceAlerts alerts, AuditLog audit) {
    this.alerts = alerts;
    this.audit = audit;
  }

  /** One alert as the page shows it: its row and each version pretty-printed. */
  record Shown(ComplianceAlerts.Alert alert, String ledger, String replayed) {}

  @Requires(Permission.ALERT_VIEW)
  @GetMapping("/alerts")
  String page(Model model, HttpServletRequest request) {
    List<Shown> shown = alerts.list().stream().map(AlertsController::shown).toList();
    audit.append(Actors.of(request), AuditLog.Event.of("alert.list", "alerts", Outcome.OK));
    model.addAttribute("alerts", shown);
    model.addAttribute("open", shown.stream().filter(s -> s.alert().open()).count());
    return "alerts";
  }

  @Requires(Permission.ALERT_RESOLVE)
  @PostMapping("/alerts/resolve")
  String resolve(
      @RequestParam(defaultValue = "") String alertId,
      @RequestParam(defaultValue = "") String reason,
      HttpServletRequest request) {
    if (alertId.isBlank() || alertId.length() > 200) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "alertId: 1 to 200 characters");
    }
    PageModel.flash(request, alerts.resolve(Actors.of(request), alertId, reason));
    return "redirect:/alerts";
  }

  private static Shown shown(ComplianceAlerts.Alert a) {
    try {
      JsonNode payload = JSON.readTree(a.payload());
      return new Shown(a, pretty(payload.get("ledger")), pretty(payload.get("replayed")));
    } catch (RuntimeException e) {
      return new Shown(a, a.payload(), "");
    }
  }

  private static String pretty(JsonNode n) {
    return n == null ? "" : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
  }
}
