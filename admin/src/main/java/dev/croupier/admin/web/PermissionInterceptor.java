package dev.croupier.admin.web;

import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.admin.staff.Permission;
import dev.croupier.admin.staff.StaffMember;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks, on the server and for every request, that the signed-in staff member's role has the
 * permission the handler names ({@link Requires}). A refusal is audited and answered 403 with code
 * {@code FORBIDDEN}; a handler of ours that names no permission and is not {@link Public} is
 * refused to everyone.
 */
public final class PermissionInterceptor implements HandlerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(PermissionInterceptor.class);
  private final AuditLog audit;

  public PermissionInterceptor(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)
        || !method.getBeanType().getPackageName().startsWith("dev.croupier.admin")) {
      return true;
    }
    if (annotation(method, Public.class) != null) {
      return true;
    }
    Requires requires = annotation(method, Requires.class);
    Optional<StaffMember> staff = Actors.staff();
    if (staff.isEmpty()) {
      throw new CroupierException(ErrorCode.INVALID_TOKEN, "sign in first");
    }
    if (requires == null) {
      log.error("{} names no permission: refused", method.getShortLogMessage());
      throw refuse(request, staff.get(), null);
    }
    if (!staff.get().may(requires.value())) {
      throw refuse(request, staff.get(), requires.value());
    }
    return true;
  }

  private CroupierException refuse(HttpServletRequest request, StaffMember staff, Permission p) {
    audit.append(
        Actors.of(request),
        new AuditLog.Event(
            "access.denied",
            request.getMethod() + " " + request.getRequestURI(),
            null,
            null,
            AuditJson.of(
                "needs", p == null ? "nothing declared" : p.name(), "role", staff.role().name()),
            Outcome.REFUSED));
    return new CroupierException(
        ErrorCode.FORBIDDEN,
        p == null
            ? "this page is closed"
            : "your role (" + staff.role() + ") may not: " + p.description().toLowerCase());
  }

  private static <A extends java.lang.annotation.Annotation> A annotation(
      HandlerMethod method, Class<A> type) {
    A a = method.getMethodAnnotation(type);
    return a != null ? a : method.getBeanType().getAnnotation(type);
  }
}
