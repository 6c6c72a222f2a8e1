package dev.croupier.admin.web;

import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.admin.staff.Staff;
import dev.croupier.admin.staff.StaffMember;
import dev.croupier.errors.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin app's web security. Staff sign in through {@code /sign-in} (a password and a one-time
 * code, see {@link dev.croupier.admin.staff.SignIn}); the session cookie is HttpOnly,
 * SameSite=Strict, Secure and expires when idle (application.yml); the session id changes at
 * sign-in (no fixation). Every state change needs the form's CSRF token: a request without it is
 * refused and audited, and writes nothing. The Content-Security-Policy allows no inline script or
 * style and no framing. What each staff member may do is checked per handler by {@link
 * PermissionInterceptor}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Bean
  SecurityFilterChain adminSecurity(
      HttpSecurity http, SecurityContextRepository contexts, Staff staff, AuditLog audit)
      throws Exception {
    http.authorizeHttpRequests(
            a ->
                a.requestMatchers(
                        "/sign-in",
                        "/enrol/**",
                        "/css/**",
                        "/js/**",
                        "/webjars/**",
                        "/img/**",
                        "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .securityContext(c -> c.securityContextRepository(contexts))
        .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
        .requestCache(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) -> {
                          if (ErrorPages.wantsJson(request)) {
                            problem(
                                response,
                                HttpStatus.UNAUTHORIZED,
                                ErrorCode.INVALID_TOKEN,
                                "sign in first");
                          } else if (ErrorPages.htmx(request)) {
                            response.setHeader("HX-Redirect", "/sign-in");
                            response.setStatus(HttpStatus.UNAUTHORIZED.value());
                          } else {
                            response.sendRedirect("/sign-in");
                          }
                        })
                    .accessDeniedHandler(csrfRefusals(audit)))
        .headers(
            h ->
                h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                    .frameOptions(f -> f.deny())
                    .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                    .permissionsPolicyHeader(
                        p -> p.policy("camera=(), microphone=(), geolocation=()")))
        .addFilterBefore(new RequestIds(), SecurityContextHolderFilter.class)
        .addFilterAfter(new StillActive(staff), SecurityContextHolderFilter.class);
    return http.build();
  }

  /**
   * A refused CSRF token (or any other access refusal) is audited and answered 403, with its code.
   */
  private static AccessDeniedHandler csrfRefusals(AuditLog audit) {
    return (request, response, e) -> {
      ErrorCode code =
          e instanceof CsrfException ? ErrorCode.CSRF_TOKEN_INVALID : ErrorCode.FORBIDDEN;
      audit.append(
          Actors.of(request),
          new AuditLog.Event(
              code == ErrorCode.CSRF_TOKEN_INVALID ? "csrf.refused" : "access.denied",
              request.getMethod() + " " + request.getRequestURI(),
              null,
              null,
              AuditJson.of("origin", request.getHeader("Origin")),
              Outcome.REFUSED));
      if (ErrorPages.wantsJson(request) || ErrorPages.htmx(request)) {
        problem(response, HttpStatus.FORBIDDEN, code, code.description());
      } else {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding("UTF-8");
        response
            .getWriter()
            .write(
                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Refused"
                    + "</title><link rel=\"stylesheet\" href=\"/css/admin.css\"></head><body class=\"bare\">"
                    + "<main class=\"card narrow\"><h1>Refused</h1><p>"
                    + code.description()
                    + "</p><p class=\"code\">"
                    + code.name()
                    + "</p><p><a href=\"/\">Back</a></p></main></body></html>");
      }
    };
  }

  private static void problem(
      HttpServletResponse response, HttpStatus status, ErrorCode code, String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(ErrorPages.problem(status, code, detail)));
  }

  /**
   * Ends the session of a staff member who was disabled since signing in, at their next request.
   */
  static final class StillActive extends OncePerRequestFilter {
    private final Staff staff;

    StillActive(Staff staff) {
      this.staff = staff;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      Optional<StaffMember> signedIn = Actors.staff();
      if (signedIn.isPresent() && staff.active(signedIn.get().staffId()).isEmpty()) {
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        SecurityContextHolder.clearContext();
      }
      chain.doFilter(request, response);
    }
  }
}
