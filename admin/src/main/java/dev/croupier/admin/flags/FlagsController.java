package dev.croupier.admin.flags;

import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.web.Actors;
import dev.croupier.admin.web.ErrorPages;
import dev.croupier.admin.web.FormErrors;
import dev.croupier.admin.web.Requires;
import dev.croupier.errors.CroupierException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The flags page: every flag, and a toggle with a reason. */
@Controller
class FlagsController {
  private final Flags flags;
  private final FlagRelay relay;

  FlagsController(Flags flags, FlagRelay relay) {
    this.flags = flags;
    this.relay = relay;
  }

  @Requires(Permission.FLAG_VIEW)
  @GetMapping("/flags")
  String page(Model model) {
    model.addAttribute("flags", flags.list());
    return "flags";
  }

  @Requires(Permission.FLAG_TOGGLE)
  @PostMapping("/flags/{key}")
  String toggle(
      @PathVariable String key,
      @RequestParam boolean enabled,
      @RequestParam long version,
      @RequestParam(defaultValue = "") String reason,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    try {
      Flags.Flag flag = flags.toggle(Actors.of(request), key, enabled, version, reason);
      relay.wakeUp();
      model.addAttribute("flag", flag);
      model.addAttribute(
          "message", key + " is " + (flag.enabled() ? "on" : "off") + " everywhere within 2 s.");
    } catch (CroupierException e) {
      response.setStatus(ErrorPages.status(e.code()).value());
      model.addAttribute("errors", FormErrors.of(e));
      model.addAttribute(
          "flag",
          flags.list().stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow(() -> e));
    }
    return "fragments/flag-row :: row";
  }
}
