package dev.croupier.gateway.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The log context of an HTTP request: {@code requestId} (the caller's {@code X-Request-Id} when it
 * is a plain token of at most 64 characters, else a new one, echoed in the response) for every log
 * line of the request, and {@code userId} once Spring Security has checked the access token.
 */
@Configuration(proxyBeanMethods = false)
class RequestLogContext {
  static final String HEADER = "X-Request-Id";
  static final String REQUEST_ID = "requestId";
  static final String USER_ID = "userId";
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** Before the security chain, so a refused request has its id too. */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> requestIdFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(
            new OncePerRequestFilter() {
              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws ServletException, IOException {
                String given = request.getHeader(HEADER);
                String id =
                    given != null && PLAIN.matcher(given).matches()
                        ? given
                        : UUID.randomUUID().toString();
                response.setHeader(HEADER, id);
                try (MDC.MDCCloseable ignored = MDC.putCloseable(REQUEST_ID, id)) {
                  chain.doFilter(request, response);
                }
              }
            });
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
    return registration;
  }

  /** After the security chain: the player the access token names. */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> userIdFilter() {
    FilterRegistrationBean<OncePerRequestFilter> registration =
        new FilterRegistrationBean<>(
            new OncePerRequestFilter() {
              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws ServletException, IOException {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (!(auth instanceof JwtAuthenticationToken jwt)) {
                  chain.doFilter(request, response);
                  return;
                }
                try (MDC.MDCCloseable ignored = MDC.putCloseable(USER_ID, jwt.getName())) {
                  chain.doFilter(request, response);
                }
              }
            });
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }
}
