package dev.croupier.admin.approvals;

import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.web.Actors;
import dev.croupier.admin.web.Money;
import dev.croupier.admin.web.PageModel;
import dev.croupier.admin.web.Requires;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Adjustments: the list of those waiting for a second ADMIN and the latest ones, the request (from
 * a player's page), and the approve and reject actions.
 */
@Controller
class ApprovalsController {
  private final Adjustments adjustments;
  private final Money money;

  ApprovalsController(Adjustments adjustments, Money money) {
    this.adjustments = adjustments;
    this.money = money;
  }

  @Requires(Permission.ADJUSTMENT_REQUEST)
  @GetMapping("/approvals")
  String page(Model model) {
    model.addAttribute("pending", adjustments.pending());
    model.addAttribute("recent", adjustments.recent(50));
    return "approvals";
  }

  @Requires(Permission.ADJUSTMENT_REQUEST)
  @PostMapping("/adjustments")
  String request(
      @RequestParam UUID requestId,
      @RequestParam UUID userId,
      @RequestParam(defaultValue = "COIN") String currency,
      @RequestParam(defaultValue = "") String kind,
      @RequestParam(defaultValue = "") String amount,
      @RequestParam(defaultValue = "") String reason,
      HttpServletRequest request) {
    long minor = money.parse(amount, currency);
    Adjustments.Adjustment a =
        adjustments.request(Actors.of(request), requestId, userId, currency, kind, minor, reason);
    PageModel.flash(
        request,
        switch (a.status()) {
          case "POSTED" ->
              money.format(a.amount(), a.currency())
                  + " posted (transaction "
                  + a.transactionId()
                  + ").";
          case "PENDING_APPROVAL" ->
              money.format(a.amount(), a.currency())
                  + " is over the threshold: it waits for a second ADMIN.";
          case "FAILED" -> "The wallet refused it: " + a.failureCode() + ". Nothing was posted.";
          default -> "Posting " + money.format(a.amount(), a.currency()) + "…";
        });
    return "redirect:/players/" + userId;
  }

  @Requires(Permission.ADJUSTMENT_APPROVE)
  @PostMapping("/approvals/{requestId}/approve")
  String approve(
      @PathVariable UUID requestId,
      @RequestParam(defaultValue = "") String reason,
      HttpServletRequest request) {
    Adjustments.Adjustment a = adjustments.approve(Actors.of(request), requestId, reason);
    PageModel.flash(request, "Approved: " + a.status().toLowerCase().replace('_', ' ') + ".");
    return "redirect:/approvals";
  }

  @Requires(Permission.ADJUSTMENT_APPROVE)
  @PostMapping("/approvals/{requestId}/reject")
  String reject(
      @PathVariable UUID requestId,
      @RequestParam(defaultValue = "") String reason,
      HttpServletRequest request) {
    adjustments.reject(Actors.of(request), requestId, reason);
    PageModel.flash(request, "Rejected: nothing was posted.");
    return "redirect:/approvals";
  }
}
