package dev.croupier.gateway.identity.internal;

import dev.croupier.gateway.identity.AuthenticatedPlayer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** REST endpoints of identity. See api-gateway/README.md for the contract. */
@RestController
final class AuthController {
  private final Accounts accounts;
  private final AccessTokenKeys keys;
  private final JooqSocketTickets tickets;
  private final ObjectProvider<ClientRegistrationRepository> registrations;

  AuthController(
      Accounts accounts,
      AccessTokenKeys keys,
      JooqSocketTickets tickets,
      ObjectProvider<ClientRegistrationRepository> registrations) {
    this.accounts = accounts;
    this.registrations = registrations;
    this.keys = keys;
    this.tickets = tickets;
  }

  @PostMapping(path = "/auth/register", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Responses.Profile> register(
      @RequestBody Requests.Register body, HttpServletRequest request) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(accounts.register(body, ClientIp.of(request)));
  }

  @PostMapping(path = "/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Responses.Tokens> login(
      @RequestBody Requests.Login body, HttpServletRequest request) {
    return noStore(accounts.login(body, ClientIp.of(request)));
  }

  @PostMapping(path = "/auth/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Responses.Tokens> refresh(
      @RequestBody Requests.Refresh body, HttpServletRequest request) {
    return noStore(accounts.refresh(body, ClientIp.of(request)));
  }

  @PostMapping(path = "/auth/logout", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Void> logout(@RequestBody Requests.Logout body) {
    accounts.logout(body);
    return ResponseEntity.noContent().build();
  }

  /** Ends an OIDC login: the one-time code from the redirect for tokens. */
  @PostMapping(path = "/auth/oidc/token", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Responses.Tokens> oidcToken(
      @RequestBody Requests.SignInCode body, HttpServletRequest request) {
    return noStore(accounts.exchangeSignInCode(body, ClientIp.of(request)));
  }

  /** The social login providers configured, for the web client's buttons. */
  @GetMapping("/auth/providers")
  List<Map<String, String>> providers() {
    List<Map<String, String>> out = new ArrayList<>();
    if (registrations.getIfAvailable() instanceof Iterable<?> all) {
      for (Object o : all) {
        if (o instanceof ClientRegistration r) {
          out.add(
              Map.of(
                  "id",
                  r.getRegistrationId(),
                  "name",
                  r.getClientName(),
                  "loginUrl",
                  "/oauth2/authorization/" + r.getRegistrationId()));
        }
      }
    }
    return out;
  }

  /** A one-time ticket for the WebSocket upgrade, bought with the access token in the header. */
  @PostMapping("/auth/ws-ticket")
  ResponseEntity<Responses.Ticket> wsTicket(@AuthenticationPrincipal Jwt jwt) {
    return noStore(tickets.issue(jwt));
  }

  @GetMapping("/auth/me")
  Responses.Me me(@AuthenticationPrincipal Jwt jwt) {
    AuthenticatedPlayer player = AuthenticatedPlayer.from(jwt);
    return new Responses.Me(accounts.profile(player.userId()), player.deviceId());
  }

  @GetMapping(path = "/.well-known/jwks.json", produces = "application/jwk-set+json")
  ResponseEntity<Map<String, Object>> jwks() {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)).cachePublic())
        .body(keys.publicKeys().toJSONObject(true));
  }

  private static <T> ResponseEntity<T> noStore(T body) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
  }
}
