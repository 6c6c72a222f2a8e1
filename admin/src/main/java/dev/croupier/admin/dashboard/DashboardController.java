package dev.croupier.admin.dashboard;

import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.web.Requires;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard page. */
@Controller
@Requires(Permission.DASHBOARD_VIEW)
class DashboardController {
  @GetMapping("/dashboard")
  String dashboard() {
    return "dashboard";
  }
}
