package dev.croupier.admin.web;

import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.staff.StaffMember;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is asking, from where: the audit fields of the current request. */
public final class Actors {
  /** The request attribute holding the request id that {@link RequestIds} assigns. */
  public static final String REQUEST_ID = "croupier.requestId";

  private Actors() {}

  /** The signed-in staff member of this request, if any. */
  public static Optional<StaffMember> staff() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    return a != null && a.getPrincipal() instanceof StaffMember m
        ? Optional.of(m)
        : Optional.empty();
  }

  /**
   * The actor of {@code request}: the signed-in staff member (or nobody), the request id, IP, UA.
   */
  public static Actor of(HttpServletRequest request) {
    return new Actor(
        staff().orElse(null),
        String.valueOf(request.getAttribute(REQUEST_ID)),
        request.getRemoteAddr(),
        request.getHeader("User-Agent"));
  }
}
