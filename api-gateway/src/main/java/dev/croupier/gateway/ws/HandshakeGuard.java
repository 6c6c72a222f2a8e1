package dev.croupier.gateway.ws;

import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.identity.ProblemWriter;
import dev.croupier.gateway.identity.SocketTickets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a WebSocket upgrade on {@code /ws} before anything else reads it, and answers every
 * malformed one with a 400, 401 or 403 problem with an error code, never a 500:
 *
 * <ol>
 *   <li>a token in the query string (400 {@code TOKEN_IN_URL}): URLs end up in logs;
 *   <li>not an upgrade to WebSocket (400 {@code VALIDATION_FAILED});
 *   <li>an {@code Origin} that does not parse as {@code scheme://host[:port]} or is not allowed
 *       (403 {@code ORIGIN_NOT_ALLOWED}); without one (not a browser) it is not checked;
 *   <li>subprotocols without {@code croupier.v1}, or with one we do not know (400 {@code
 *       BAD_SUBPROTOCOL});
 *   <li>the credential: a one-time ticket offered as subprotocol {@code croupier.ticket.<ticket>}
 *       (401 {@code INVALID_TICKET} when it is unknown, used or expired), or an {@code
 *       Authorization: Bearer} header, which Spring Security checks next; neither is 401 {@code
 *       INVALID_TOKEN}.
 * </ol>
 *
 * The redeemed ticket is left in the request for {@link HandshakeAuth}. Nothing here logs the
 * request's URL or headers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class HandshakeGuard extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(HandshakeGuard.class);
  static final String TICKET = "croupier.ws.ticket";
  private static final Set<String> TOKEN_PARAMETERS =
      Set.of("access_token", "token", "id_token", "refresh_token");

  private final SocketTickets tickets;
  private final ProblemWriter problems;
  private final Set<String> allowedOrigins;

  HandshakeGuard(SocketTickets tickets, ProblemWriter problems, WsProperties properties) {
    this.tickets = tickets;
    this.problems = problems;
    this.allowedOrigins =
        properties.allowedOrigins().stream()
            .map(HandshakeGuard::normalisedOrigin)
            .flatMap(Optional::stream)
            .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"/ws".equals(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (hasTokenParameter(request.getQueryString())) {
      refuse(
          request,
          response,
          HttpStatus.BAD_REQUEST,
          ErrorCode.TOKEN_IN_URL,
          ErrorCode.TOKEN_IN_URL.description());
      return;
    }
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    if (!"GET".equals(request.getMethod())
        || upgrade == null
        || !upgrade.equalsIgnoreCase("websocket")) {
      refuse(
          request,
          response,
          HttpStatus.BAD_REQUEST,
          ErrorCode.VALIDATION_FAILED,
          "This is the WebSocket endpoint: send a GET with Upgrade: websocket.");
      return;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin != null) {
      Optional<String> normalised = normalisedOrigin(origin);
      if (normalised.isEmpty() || !allowedOrigins.contains(normalised.get())) {
        refuse(
            request,
            response,
            HttpStatus.FORBIDDEN,
            ErrorCode.ORIGIN_NOT_ALLOWED,
            ErrorCode.ORIGIN_NOT_ALLOWED.description());
        return;
      }
    }
    List<String> offered = subprotocols(request);
    Optional<String> ticket =
        offered.stream()
            .filter(p -> p.startsWith(SocketTickets.SUBPROTOCOL_PREFIX))
            .map(p -> p.substring(SocketTickets.SUBPROTOCOL_PREFIX.length()))
            .findFirst();
    boolean unknown =
        offered.stream()
            .anyMatch(
                p ->
                    !p.equals(WsProperties.SUBPROTOCOL)
                        && !p.startsWith(SocketTickets.SUBPROTOCOL_PREFIX));
    if (!offered.contains(WsProperties.SUBPROTOCOL)
        || unknown
        || offered.stream().filter(p -> p.startsWith(SocketTickets.SUBPROTOCOL_PREFIX)).count()
            > 1) {
      refuse(
          request,
          response,
          HttpStatus.BAD_REQUEST,
          ErrorCode.BAD_SUBPROTOCOL,
          "Offer the subprotocol croupier.v1, and at most one croupier.ticket.<ticket>.");
      return;
    }
    if (ticket.isPresent()) {
      Optional<SocketTickets.Redeemed> redeemed = tickets.redeem(ticket.get());
      if (redeemed.isEmpty()) {
        refuse(
            request,
            response,
            HttpStatus.UNAUTHORIZED,
            ErrorCode.INVALID_TICKET,
            ErrorCode.INVALID_TICKET.description());
        return;
      }
      request.setAttribute(TICKET, redeemed.get());
    } else if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
      refuse(
          request,
          response,
          HttpStatus.UNAUTHORIZED,
          ErrorCode.INVALID_TOKEN,
          "Buy a one-time ticket with POST /auth/ws-ticket and offer it as subprotocol"
              + " croupier.ticket.<ticket>, or send Authorization: Bearer <token>.");
      return;
    }
    chain.doFilter(request, response);
  }

  private void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      ErrorCode code,
      String detail)
      throws IOException {
    log.info("refused WebSocket upgrade: {} {}", status.value(), code);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    problems.write(request, response, status, code, detail);
  }

  /** Whether the raw query names a token parameter; never throws on a malformed query. */
  static boolean hasTokenParameter(String query) {
    if (query == null || query.isEmpty()) {
      return false;
    }
    for (String pair : query.split("&")) {
      String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
      if (TOKEN_PARAMETERS.contains(name) || name.startsWith("access_token")) {
        return true;
      }
    }
    return false;
  }

  /** The subprotocols offered, in order, across every {@code Sec-WebSocket-Protocol} header. */
  private static List<String> subprotocols(HttpServletRequest request) {
    List<String> out = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders("Sec-WebSocket-Protocol"))) {
      for (String p : header.split(",")) {
        if (!p.isBlank()) {
          out.add(p.strip());
        }
      }
    }
    return out;
  }

  /**
   * {@code scheme://host[:port]} in lower case with the default port spelled out, or empty when the
   * value is not exactly an HTTP(S) origin: {@code http://a:b}, {@code
   * http://127.0.0.1:8080.evil.example}, a path, user info or a query all make it empty.
   */
  static Optional<String> normalisedOrigin(String origin) {
    if (origin.length() > 512) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(origin);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return Optional.empty();
      }
      if (uri.getHost() == null
          || uri.getRawUserInfo() != null
          || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        return Optional.empty();
      }
      int port = uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort();
      return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
