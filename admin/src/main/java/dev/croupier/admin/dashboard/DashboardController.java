package dev.croupier.admin.dashboard;

import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.web.Money;
import dev.croupier.admin.web.Requires;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The dashboard page, and the figures its script polls every five seconds. */
@Controller
@Requires(Permission.DASHBOARD_VIEW)
class DashboardController {
  private final Dashboard dashboard;
  private final Money money;

  DashboardController(Dashboard dashboard, Money money) {
    this.dashboard = dashboard;
    this.money = money;
  }

  @GetMapping("/dashboard")
  String dashboard(Model model) {
    model.addAttribute("scalesJson", money.scalesJson());
    return "dashboard";
  }

  @GetMapping(path = "/dashboard/figures", produces = "application/json")
  @ResponseBody
  Map<String, Object> figures(@RequestParam(defaultValue = "COIN") String currency) {
    if (!money.scales().containsKey(currency)) {
      throw new dev.croupier.errors.CroupierException(
          dev.croupier.errors.ErrorCode.VALIDATION_FAILED,
          "currency: one of " + money.scales().keySet());
    }
    return dashboard.figures(currency);
  }
}
