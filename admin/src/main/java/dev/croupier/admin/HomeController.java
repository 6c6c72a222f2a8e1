package dev.croupier.admin;

import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.web.Requires;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The root: straight to the dashboard. */
@Controller
class HomeController {
  @Requires(Permission.DASHBOARD_VIEW)
  @GetMapping("/")
  String home() {
    return "redirect:/dashboard";
  }
}
