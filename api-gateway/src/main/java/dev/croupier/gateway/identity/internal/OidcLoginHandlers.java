package dev.croupier.gateway.identity.internal;

import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.identity.IdentityProperties;
import dev.croupier.gateway.identity.RateLimitAction;
import dev.croupier.gateway.identity.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * Finishes a login through an external OIDC provider. The provider's (registration ID, subject) is
 * looked up in {@code identity.external_identities}; on the first login it is linked to the user
 * with the same email, or a passwordless user is created, but only when the provider vouches for
 * the email ({@code email_verified}), so nobody can take over an account by claiming its address.
 * The browser is then redirected to {@code croupier.identity.oidc.success-redirect} with the same
 * tokens as {@code POST /auth/login} in the URL fragment, which browsers never send to a server.
 * The HTTP session that carried the OAuth2 state is dropped.
 */
@Component
final class OidcLoginHandlers
    implements AuthenticationSuccessHandler, AuthenticationFailureHandler {
  private static final Logger log = LoggerFactory.getLogger(OidcLoginHandlers.class);

  private final DSLContext dsl;
  private final UserRepository users;
  private final ExternalIdentityRepository links;
  private final LoginEventRepository events;
  private final SignInCodes signInCodes;
  private final WelcomeGrants welcomeGrants;
  private final RateLimiter rateLimiter;
  private final IdentityProperties properties;
  private final Clock clock;

  OidcLoginHandlers(
      DSLContext dsl,
      UserRepository users,
      ExternalIdentityRepository links,
      LoginEventRepository events,
      SignInCodes signInCodes,
      WelcomeGrants welcomeGrants,
      RateLimiter rateLimiter,
      IdentityProperties properties,
      Clock clock) {
    this.dsl = dsl;
    this.users = users;
    this.links = links;
    this.events = events;
    this.signInCodes = signInCodes;
    this.welcomeGrants = welcomeGrants;
    this.rateLimiter = rateLimiter;
    this.properties = properties;
    this.clock = clock;
  }

  private record External(
      String provider, String subject, Optional<String> verifiedEmail, @Nullable String name) {}

  private sealed interface Outcome {
    record LoggedIn(UserRow user, String signInCode) implements Outcome {}

    record Refused(ErrorCode code) implements Outcome {}
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    endSession(request);
    String ip = ClientIp.of(request);
    if (!(authentication instanceof OAuth2AuthenticationToken token)) {
      redirectWithError(response, ErrorCode.BAD_CREDENTIALS);
      return;
    }
    External external = external(token);
    Outcome outcome;
    try {
      outcome = dsl.transactionResult(c -> signIn(c.dsl(), external, ip));
    } catch (RuntimeException e) {
      if (!Accounts.isUniqueViolation(e)) {
        throw e;
      }
      // Two first logins of one person raced; the other one linked the account.
      outcome = dsl.transactionResult(c -> signIn(c.dsl(), external, ip));
    }
    switch (outcome) {
      case Outcome.LoggedIn in -> {
        if (in.user().walletReadyAt().isEmpty()) {
          welcomeGrants.trySettle(in.user().userId());
        }
        // A one-time code, not tokens: the client trades it with POST /auth/oidc/token.
        redirect(response, "signin_code=" + in.signInCode());
      }
      case Outcome.Refused r -> redirectWithError(response, r.code());
    }
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    log.info("OIDC login failed: {}", e.getMessage());
    endSession(request);
    redirectWithError(response, ErrorCode.BAD_CREDENTIALS);
  }

  private Outcome signIn(DSLContext tx, External external, String ip) {
    Instant now = clock.instant();
    Optional<UUID> linked = links.findUser(tx, external.provider(), external.subject());
    UserRow user;
    if (linked.isPresent()) {
      user = users.lock(tx, linked.get()).orElseThrow();
    } else if (external.verifiedEmail().isEmpty()) {
      return new Outcome.Refused(ErrorCode.VALIDATION_FAILED);
    } else {
      String email = external.verifiedEmail().get();
      Optional<UserRow> sameEmail = users.findByEmail(tx, email);
      if (sameEmail.isPresent()) {
        user = sameEmail.get();
      } else {
        UUID userId = UuidV7.next(clock);
        users.insert(tx, userId, email, displayName(external.name(), userId), null, now);
        user = users.findById(tx, userId).orElseThrow();
      }
      links.link(tx, external.provider(), external.subject(), user.userId(), email, now);
    }
    if (!rateLimiter.tryAcquire(RateLimitAction.LOGIN, Optional.of(user.userId()), ip).allowed()) {
      return new Outcome.Refused(ErrorCode.RATE_LIMITED);
    }
    if (user.disabled()) {
      events.record(
          tx,
          user.userId(),
          ip,
          LoginEventRepository.Method.OIDC,
          LoginEventRepository.Outcome.FAILURE,
          now);
      return new Outcome.Refused(ErrorCode.ACCOUNT_DISABLED);
    }
    events.record(
        tx,
        user.userId(),
        ip,
        LoginEventRepository.Method.OIDC,
        LoginEventRepository.Outcome.SUCCESS,
        now);
    return new Outcome.LoggedIn(user, signInCodes.issue(tx, user.userId()));
  }

  private static External external(OAuth2AuthenticationToken token) {
    String provider = token.getAuthorizedClientRegistrationId();
    OAuth2User principal = token.getPrincipal();
    if (principal instanceof OidcUser oidc) {
      Optional<String> email =
          Boolean.TRUE.equals(oidc.getEmailVerified()) && oidc.getEmail() != null
              ? Emails.normalise(oidc.getEmail())
              : Optional.empty();
      String name = oidc.getFullName() != null ? oidc.getFullName() : oidc.getPreferredUsername();
      return new External(provider, oidc.getSubject(), email, name);
    }
    // Plain OAuth2 social providers do not say whether the email is verified.
    return new External(provider, principal.getName(), Optional.empty(), null);
  }

  private static String displayName(@Nullable String name, UUID userId) {
    if (name != null) {
      Optional<String> checked = DisplayNames.check(name).name();
      if (checked.isPresent()) {
        return checked.get();
      }
    }
    return "Player " + userId.toString().substring(24, 30);
  }

  private static void endSession(HttpServletRequest request) {
    SecurityContextHolder.clearContext();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }

  private void redirectWithError(HttpServletResponse response, ErrorCode code) throws IOException {
    redirect(response, "error=" + code.name());
  }

  private void redirect(HttpServletResponse response, String fragment) throws IOException {
    response.setHeader("Cache-Control", "no-store");
    response.sendRedirect(properties.oidc().successRedirect() + "#" + fragment);
  }
}
