package dev.croupier.gateway.identity.internal;

import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.identity.IdentityProperties;
import dev.croupier.gateway.identity.RateLimitAction;
import dev.croupier.gateway.identity.RateLimiter;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Service;

/** Registration, password login, refresh, logout and the profile. */
@Service
final class Accounts {
  private final DSLContext dsl;
  private final UserRepository users;
  private final LoginEventRepository events;
  private final RefreshTokenRepository refreshRows;
  private final RefreshTokens refreshTokens;
  private final AccessTokenIssuer accessTokens;
  private final Passwords passwords;
  private final WelcomeGrants welcomeGrants;
  private final RateLimiter rateLimiter;
  private final LoginThrottle throttle;
  private final SignInCodes signInCodes;
  private final RevokedAccessTokens revokedTokens;
  private final JwtDecoder decoder;
  private final IdentityProperties properties;
  private final Clock clock;

  Accounts(
      DSLContext dsl,
      UserRepository users,
      LoginEventRepository events,
      RefreshTokenRepository refreshRows,
      RefreshTokens refreshTokens,
      AccessTokenIssuer accessTokens,
      Passwords passwords,
      WelcomeGrants welcomeGrants,
      RateLimiter rateLimiter,
      LoginThrottle throttle,
      SignInCodes signInCodes,
      RevokedAccessTokens revokedTokens,
      @Lazy JwtDecoder decoder,
      IdentityProperties properties,
      Clock clock) {
    this.dsl = dsl;
    this.users = users;
    this.events = events;
    this.refreshRows = refreshRows;
    this.refreshTokens = refreshTokens;
    this.accessTokens = accessTokens;
    this.passwords = passwords;
    this.welcomeGrants = welcomeGrants;
    this.rateLimiter = rateLimiter;
    this.throttle = throttle;
    this.signInCodes = signInCodes;
    this.revokedTokens = revokedTokens;
    this.decoder = decoder;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Creates the user, then opens the wallet account and grants the welcome money. The user is
   * committed before the wallet is called, so a wallet outage leaves a user whose grant is owed
   * (profile {@code walletReady=false}) and settled at a later login, never twice.
   */
  Responses.Profile register(Requests.Register request, String ip) {
    rateLimiter.acquire(RateLimitAction.REGISTER, Optional.empty(), ip);
    Validation.NewUser form = Validation.register(request);
    if (users.findByEmail(dsl, form.email()).isPresent()) {
      throw emailTaken();
    }
    String hash = passwords.hash(form.password());
    UUID userId = UuidV7.next(clock);
    Instant now = clock.instant();
    try {
      dsl.transaction(
          c -> users.insert(c.dsl(), userId, form.email(), form.displayName(), hash, now));
    } catch (RuntimeException e) {
      if (isUniqueViolation(e)) {
        throw emailTaken();
      }
      throw e;
    }
    welcomeGrants.trySettle(userId);
    return profile(users.findById(dsl, userId).orElseThrow());
  }

  /**
   * Checks the password and starts a token family. Failures count against the source of the attempt
   * only ({@link LoginThrottle}); a known and an unknown email get the same answers (the KDF runs
   * on a dummy hash for an unknown one), so the answers do not tell who has an account.
   */
  Responses.Tokens login(Requests.Login request, String ip) {
    rateLimiter.acquire(RateLimitAction.LOGIN, Optional.empty(), ip);
    Validation.Credentials credentials = Validation.login(request);
    byte[] emailHash = LoginThrottle.emailHash(credentials.email());
    List<String> sources = LoginThrottle.sources(ip, credentials.deviceId());
    Optional<UserRow> found = users.findByEmail(dsl, credentials.email());
    UUID userId = found.map(UserRow::userId).orElse(null);
    Instant now = clock.instant();
    LoginThrottle.Verdict verdict = throttle.check(dsl, emailHash, sources, now);
    if (verdict instanceof LoginThrottle.Verdict.Locked locked) {
      dsl.transaction(
          c ->
              events.record(
                  c.dsl(),
                  userId,
                  ip,
                  LoginEventRepository.Method.PASSWORD,
                  LoginEventRepository.Outcome.REJECTED_LOCKED,
                  now));
      throw locked(locked.until());
    }
    if (verdict instanceof LoginThrottle.Verdict.SlowDown slow) {
      throw new dev.croupier.gateway.identity.RateLimitedException(
          RateLimitAction.LOGIN, slow.retryAfter());
    }
    // The per-account budget is keyed by the email, known or not, so it neither tells which emails
    // exist nor refills when the attacker moves to a new address.
    rateLimiter.acquire(
        RateLimitAction.LOGIN,
        Optional.of(
            UUID.nameUUIDFromBytes(
                ("login:" + credentials.email())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8))),
        ip);
    boolean passwordMatches;
    if (found.isEmpty() || found.get().passwordHash().isEmpty()) {
      passwords.burn(credentials.password());
      passwordMatches = false;
    } else {
      passwordMatches =
          passwords.matches(credentials.password(), found.get().passwordHash().orElseThrow());
    }
    String deviceId = credentials.deviceId().orElseGet(() -> UUID.randomUUID().toString());
    LoginResult result =
        dsl.transactionResult(
            c -> settleLogin(c.dsl(), userId, passwordMatches, deviceId, ip, emailHash, sources));
    return switch (result) {
      case LoginResult.Success s -> {
        if (s.user().walletReadyAt().isEmpty()) {
          welcomeGrants.trySettle(s.user().userId());
        }
        yield s.tokens();
      }
      case LoginResult.Locked l -> throw locked(l.until());
      case LoginResult.BadPassword b -> throw badCredentials();
      case LoginResult.Disabled d -> throw disabled();
    };
  }

  private sealed interface LoginResult {
    record Success(UserRow user, Responses.Tokens tokens) implements LoginResult {}

    record Locked(Instant until) implements LoginResult {}

    record BadPassword() implements LoginResult {}

    record Disabled() implements LoginResult {}
  }

  private LoginResult settleLogin(
      DSLContext tx,
      UUID userId,
      boolean passwordMatches,
      String deviceId,
      String ip,
      byte[] emailHash,
      List<String> sources) {
    Instant now = clock.instant();
    if (!passwordMatches) {
      Optional<Instant> locked = throttle.recordFailure(tx, emailHash, sources, now);
      events.record(
          tx,
          userId,
          ip,
          LoginEventRepository.Method.PASSWORD,
          locked.isPresent()
              ? LoginEventRepository.Outcome.LOCKED
              : LoginEventRepository.Outcome.FAILURE,
          now);
      return locked
          .<LoginResult>map(LoginResult.Locked::new)
          .orElseGet(LoginResult.BadPassword::new);
    }
    UserRow user = users.findById(tx, userId).orElseThrow();
    if (user.disabled()) {
      events.record(
          tx,
          userId,
          ip,
          LoginEventRepository.Method.PASSWORD,
          LoginEventRepository.Outcome.FAILURE,
          now);
      return new LoginResult.Disabled();
    }
    throttle.clear(tx, emailHash, sources);
    events.record(
        tx,
        userId,
        ip,
        LoginEventRepository.Method.PASSWORD,
        LoginEventRepository.Outcome.SUCCESS,
        now);
    return new LoginResult.Success(user, issueTokens(tx, user, deviceId));
  }

  /**
   * Trades the one-time code that ended an OIDC login for tokens. A code works once, within a
   * minute; anything else is INVALID_TOKEN.
   */
  Responses.Tokens exchangeSignInCode(Requests.SignInCode request, String ip) {
    rateLimiter.acquire(RateLimitAction.LOGIN, Optional.empty(), ip);
    String deviceId =
        Validation.deviceId(request.deviceId()).orElseGet(() -> UUID.randomUUID().toString());
    Optional<Responses.Tokens> tokens =
        dsl.transactionResult(
            c ->
                signInCodes
                    .redeem(c.dsl(), request.code())
                    .flatMap(userId -> users.findById(c.dsl(), userId))
                    .filter(user -> !user.disabled())
                    .map(user -> issueTokens(c.dsl(), user, deviceId)));
    return tokens.orElseThrow(
        () -> ApiException.invalidToken("The sign-in code is not valid, used or expired."));
  }

  /** Starts a token family for a user who just proved who they are; inside the caller's tx. */
  Responses.Tokens issueTokens(DSLContext tx, UserRow user, String deviceId) {
    AccessTokenIssuer.Issued access = accessTokens.issue(user.userId(), deviceId, user.roles());
    RefreshTokens.Issued refresh = refreshTokens.startFamily(tx, user.userId(), deviceId);
    return tokens(user.userId(), deviceId, access, refresh);
  }

  private sealed interface RefreshResult {
    record Rotated(UserRow user, String deviceId, RefreshTokens.Issued refresh)
        implements RefreshResult {}

    record Invalid(String reason) implements RefreshResult {}

    record Reused() implements RefreshResult {}

    record Disabled() implements RefreshResult {}

    record Limited(RateLimiter.Decision decision) implements RefreshResult {}
  }

  /**
   * Rotates a refresh token: the presented one is marked used and its child returned. A token that
   * was already used is a stolen or replayed copy: its whole family is revoked (committed), and the
   * answer is TOKEN_REUSED.
   */
  Responses.Tokens refresh(Requests.Refresh request, String ip) {
    rateLimiter.acquire(RateLimitAction.REFRESH, Optional.empty(), ip);
    String token = Validation.refreshToken(request.refreshToken());
    if (token.length() > RefreshTokens.MAX_TOKEN_LENGTH) {
      throw ApiException.invalidToken("The refresh token is not valid.");
    }
    byte[] hash = RefreshTokens.hash(token);
    RefreshResult result =
        dsl.transactionResult(
            c -> {
              DSLContext tx = c.dsl();
              Optional<RefreshTokenRepository.Row> found = refreshRows.lockByHash(tx, hash);
              if (found.isEmpty()) {
                return new RefreshResult.Invalid("The refresh token is not valid.");
              }
              RefreshTokenRepository.Row row = found.get();
              RateLimiter.Decision decision =
                  rateLimiter.tryAcquire(RateLimitAction.REFRESH, Optional.of(row.userId()), ip);
              if (!decision.allowed()) {
                return new RefreshResult.Limited(decision);
              }
              Instant now = clock.instant();
              if (row.revokedAt().isPresent()) {
                return new RefreshResult.Invalid("The refresh token was revoked.");
              }
              if (row.usedAt().isPresent()) {
                refreshRows.revokeFamily(
                    tx, row.familyId(), RefreshTokenRepository.RevokeReason.REUSE_DETECTED, now);
                return new RefreshResult.Reused();
              }
              if (!now.isBefore(row.expiresAt())) {
                return new RefreshResult.Invalid("The refresh token has expired.");
              }
              UserRow user = users.findById(tx, row.userId()).orElseThrow();
              if (user.disabled()) {
                refreshRows.revokeFamily(
                    tx, row.familyId(), RefreshTokenRepository.RevokeReason.ACCOUNT_DISABLED, now);
                return new RefreshResult.Disabled();
              }
              return new RefreshResult.Rotated(user, row.deviceId(), refreshTokens.rotate(tx, row));
            });
    return switch (result) {
      case RefreshResult.Rotated r -> {
        AccessTokenIssuer.Issued access =
            accessTokens.issue(r.user().userId(), r.deviceId(), r.user().roles());
        yield tokens(r.user().userId(), r.deviceId(), access, r.refresh());
      }
      case RefreshResult.Invalid i -> throw ApiException.invalidToken(i.reason());
      case RefreshResult.Reused r ->
          throw ApiException.of(
              HttpStatus.UNAUTHORIZED,
              ErrorCode.TOKEN_REUSED,
              "This refresh token was already used; every token of its login is now revoked."
                  + " Log in again.");
      case RefreshResult.Disabled d -> throw disabled();
      case RefreshResult.Limited l ->
          throw new dev.croupier.gateway.identity.RateLimitedException(
              RateLimitAction.REFRESH, l.decision().retryAfter());
    };
  }

  /** Revokes the family of the presented refresh token. Idempotent once the token is known. */
  void logout(Requests.Logout request) {
    String token = Validation.refreshToken(request.refreshToken());
    if (token.length() > RefreshTokens.MAX_TOKEN_LENGTH) {
      throw ApiException.invalidToken("The refresh token is not valid.");
    }
    byte[] hash = RefreshTokens.hash(token);
    boolean known =
        dsl.transactionResult(
            c -> {
              Optional<RefreshTokenRepository.Row> row = refreshRows.lockByHash(c.dsl(), hash);
              row.ifPresent(
                  r ->
                      refreshRows.revokeFamily(
                          c.dsl(),
                          r.familyId(),
                          RefreshTokenRepository.RevokeReason.LOGOUT,
                          clock.instant()));
              return row.isPresent();
            });
    if (!known) {
      throw ApiException.invalidToken("The refresh token is not valid.");
    }
    revokeAccessToken(request.accessToken());
  }

  /** Puts a still-valid access token on the deny list; an expired or forged one needs nothing. */
  private void revokeAccessToken(@Nullable String accessToken) {
    if (accessToken == null || accessToken.isBlank() || accessToken.length() > 8192) {
      return;
    }
    try {
      Jwt jwt = decoder.decode(accessToken);
      revokedTokens.revoke(
          jwt.getId(),
          UUID.fromString(jwt.getSubject()),
          Objects.requireNonNull(jwt.getExpiresAt()));
    } catch (JwtException e) {
      // Expired, revoked already, or not ours: nothing to revoke.
    }
  }

  Responses.Profile profile(UUID userId) {
    UserRow user =
        users
            .findById(dsl, userId)
            .orElseThrow(() -> ApiException.invalidToken("The token's user does not exist."));
    if (user.disabled()) {
      throw disabled();
    }
    return profile(user);
  }

  static Responses.Profile profile(UserRow user) {
    return new Responses.Profile(
        user.userId(),
        user.email(),
        user.displayName(),
        user.roles(),
        user.createdAt(),
        user.walletReadyAt().isPresent());
  }

  private Responses.Tokens tokens(
      UUID userId, String deviceId, AccessTokenIssuer.Issued access, RefreshTokens.Issued refresh) {
    return new Responses.Tokens(
        access.token(),
        "Bearer",
        Duration.between(access.issuedAt(), access.expiresAt()).toSeconds(),
        refresh.token(),
        Duration.between(access.issuedAt(), refresh.expiresAt()).toSeconds(),
        userId,
        deviceId);
  }

  /** 400 with a field error, like every other registration field problem. */
  static ApiException emailTaken() {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        ErrorCode.EMAIL_TAKEN,
        ErrorCode.EMAIL_TAKEN.description(),
        List.of(
            new FieldError(
                "email", ErrorCode.EMAIL_TAKEN.name(), "This email is already registered.")),
        Map.of());
  }

  private static ApiException badCredentials() {
    return ApiException.of(
        HttpStatus.UNAUTHORIZED,
        ErrorCode.BAD_CREDENTIALS,
        ErrorCode.BAD_CREDENTIALS.description());
  }

  private static ApiException disabled() {
    return ApiException.of(
        HttpStatus.FORBIDDEN, ErrorCode.ACCOUNT_DISABLED, ErrorCode.ACCOUNT_DISABLED.description());
  }

  private ApiException locked(Instant until) {
    long seconds = Math.max(1, Duration.between(clock.instant(), until).toSeconds());
    return new ApiException(
        HttpStatus.LOCKED,
        ErrorCode.ACCOUNT_LOCKED,
        "Too many failed logins in a row from this address or device: it may not sign in to this"
            + " account until "
            + until
            + ".",
        List.of(),
        Map.of("lockedUntil", until.toString(), "retryAfterSeconds", seconds));
  }

  static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
