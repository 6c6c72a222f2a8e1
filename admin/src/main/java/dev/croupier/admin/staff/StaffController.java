package dev.croupier.admin.staff;

import dev.croupier.admin.web.Actors;
import dev.croupier.admin.web.ErrorPages;
import dev.croupier.admin.web.FormErrors;
import dev.croupier.admin.web.PageModel;
import dev.croupier.admin.web.Requires;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The staff page: who has access, invitations, disabling. ADMIN only. */
@Controller
@Requires(Permission.STAFF_MANAGE)
class StaffController {
  private final Staff staff;

  StaffController(Staff staff) {
    this.staff = staff;
  }

  @GetMapping("/staff")
  String list(Model model) {
    model.addAttribute("staff", staff.list());
    model.addAttribute("roles", Role.values());
    model.addAttribute("permissions", Arrays.asList(Permission.values()));
    return "staff";
  }

  @PostMapping("/staff")
  String invite(
      @RequestParam(defaultValue = "") String email,
      @RequestParam(defaultValue = "") String displayName,
      @RequestParam(defaultValue = "") String role,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    try {
      Role r;
      try {
        r = Role.valueOf(role);
      } catch (IllegalArgumentException e) {
        throw new CroupierException(ErrorCode.VALIDATION_FAILED, "role: choose one");
      }
      Staff.Invitation invitation = staff.invite(Actors.of(request), email, displayName, r);
      model.addAttribute("invitation", invitation);
    } catch (CroupierException e) {
      response.setStatus(ErrorPages.status(e.code()).value());
      model.addAttribute("errors", FormErrors.of(e));
      model.addAttribute("form", Map.of("email", email, "displayName", displayName, "role", role));
    }
    return list(model);
  }

  @PostMapping("/staff/{staffId}/disable")
  String disable(
      @PathVariable UUID staffId,
      @RequestParam(defaultValue = "") String reason,
      HttpServletRequest request) {
    staff.disable(Actors.of(request), staffId, reason);
    PageModel.flash(request, "Disabled. Their sessions end at their next request.");
    return "redirect:/staff";
  }
}
