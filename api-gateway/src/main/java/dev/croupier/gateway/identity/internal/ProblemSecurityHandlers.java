package dev.croupier.gateway.identity.internal;

import dev.croupier.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Security's refusals as problem details: 401 INVALID_TOKEN for a missing or untrusted access token
 * (with {@code WWW-Authenticate: Bearer}, RFC 6750), 403 FORBIDDEN for a valid token that lacks the
 * role. The reason stays vague on purpose: a forger learns nothing from it.
 */
@Component
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {
  private final Problems problems;

  ProblemSecurityHandlers(Problems problems) {
    this.problems = problems;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    boolean tokenPresented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE, tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
    problems.write(
        request,
        response,
        HttpStatus.UNAUTHORIZED,
        ErrorCode.INVALID_TOKEN,
        tokenPresented
            ? "The access token is malformed, expired or not trusted."
            : "An access token is required: send Authorization: Bearer <token>.",
        List.of());
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    problems.write(
        request,
        response,
        HttpStatus.FORBIDDEN,
        ErrorCode.FORBIDDEN,
        ErrorCode.FORBIDDEN.description(),
        List.of());
  }
}
