package dev.croupier.admin.audit;

import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.web.Actors;
import dev.croupier.admin.web.Requires;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log page: the rows, filtered and paged, and a check of the whole chain. */
@Controller
@Requires(Permission.AUDIT_VIEW)
class AuditController {
  private static final int PAGE = 50;
  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  @GetMapping("/audit")
  String page(
      @RequestParam(required = false) UUID staff,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String target,
      @RequestParam(defaultValue = "0") long before,
      Model model) {
    AuditLog.Filter filter = new AuditLog.Filter(staff, blank(action), blank(target));
    List<AuditRow> rows = audit.page(filter, before, PAGE);
    model.addAttribute("rows", rows);
    model.addAttribute("filter", filter);
    model.addAttribute("next", rows.size() == PAGE ? rows.get(rows.size() - 1).seq() : 0L);
    return "audit";
  }

  @PostMapping("/audit/verify")
  String verify(HttpServletRequest request, Model model) {
    AuditLog.Verification result = audit.verify();
    audit.append(
        Actors.of(request),
        new AuditLog.Event(
            "audit.verify",
            "audit-log",
            null,
            null,
            AuditJson.of(
                "rows", result.rows(),
                "intact", result.intact(),
                "firstBroken", result.firstBroken().orElse(null)),
            Outcome.OK));
    model.addAttribute("verification", result);
    return page(null, null, null, 0, model);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
