package dev.croupier.admin.web;

import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.staff.StaffMember;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's layout needs: who is signed in, what they may do (the navigation shows only
 * that), and a one-time message left by the previous request.
 */
@ControllerAdvice
public final class PageModel {

  @ModelAttribute("me")
  StaffMember me() {
    return Actors.staff().orElse(null);
  }

  @ModelAttribute("can")
  Set<Permission> can() {
    Set<Permission> granted = EnumSet.noneOf(Permission.class);
    Actors.staff()
        .ifPresent(
            m -> {
              for (Permission p : Permission.values()) {
                if (m.may(p)) {
                  granted.add(p);
                }
              }
            });
    return granted;
  }

  @ModelAttribute("flash")
  String flash(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Object flash = session.getAttribute("flash");
    session.removeAttribute("flash");
    return flash == null ? null : flash.toString();
  }

  /** Leaves a message for the next page this session shows. */
  public static void flash(HttpServletRequest request, String message) {
    request.getSession(true).setAttribute("flash", message);
  }
}
