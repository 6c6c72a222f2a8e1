package dev.croupier.gateway.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Identity settings under {@code croupier.identity}.
 *
 * @param issuer the {@code iss} of access tokens, checked on every request
 * @param audience the {@code aud} of access tokens, checked on every request
 * @param accessTokenTtl how long an access token lives (15 minutes by default)
 * @param refreshTokenTtl how long a refresh token may wait to be used; each use issues a new one
 * @param clockSkew tolerance on {@code exp} and {@code iat} between gateway nodes
 * @param maxBodyBytes requests with a larger body are refused with PAYLOAD_TOO_LARGE
 * @param wsTicketTtl how long a one-time WebSocket ticket stays good
 */
@Validated
@ConfigurationProperties("croupier.identity")
public record IdentityProperties(
    @DefaultValue("urn:croupier:identity") @NotBlank String issuer,
    @DefaultValue("croupier") @NotBlank String audience,
    @DefaultValue("15m") @NotNull Duration accessTokenTtl,
    @DefaultValue("30d") @NotNull Duration refreshTokenTtl,
    @DefaultValue("30s") @NotNull Duration clockSkew,
    @DefaultValue("16384") @Min(1024) int maxBodyBytes,
    @DefaultValue("30s") @NotNull Duration wsTicketTtl,
    @DefaultValue @Valid Jwt jwt,
    @DefaultValue @Valid Lockout lockout,
    @DefaultValue @Valid Argon2 argon2,
    @DefaultValue @Valid WelcomeGrant welcomeGrant,
    @DefaultValue @Valid Oidc oidc) {

  /**
   * The access-token signing key.
   *
   * @param signingKey an RSA private key (2048 bits or more) as PKCS#8 PEM, from {@code
   *     CROUPIER_JWT_SIGNING_KEY}; never committed
   * @param keyId the {@code kid}; by default the key's RFC 7638 thumbprint
   * @param generateDevKey when no key is configured, make an ephemeral one at startup (tokens die
   *     with the process); only for the dev launcher and tests
   * @param previousKeys keys that signed tokens before the current one, as PEM blocks (RSA public
   *     keys, or the old PKCS#8 private keys) one after the other, from {@code
   *     CROUPIER_JWT_PREVIOUS_KEYS}: published in the JWKS and accepted, never used to sign. Rotate
   *     by making the old signing key a previous key and a new one the signing key; drop it once
   *     the access-token lifetime has passed.
   */
  public record Jwt(
      @Nullable String signingKey,
      @Nullable String keyId,
      @DefaultValue("false") boolean generateDevKey,
      @Nullable String previousKeys) {}

  /**
   * The three-strike rule (New Jersey's online gaming rule: three failed logins in a row), applied
   * per source: the client's IP address, and its device when it names one. A source that fails
   * waits {@code slowdown}, then twice that, before its next try, and its {@code maxFailures}-th
   * failure in a row locks that source (not the player) out of that email for {@code duration}.
   *
   * @param maxFailures failures in a row that lock the source
   * @param duration how long the source stays locked; also how long a failure is remembered
   * @param slowdown the wait after a first failure, doubling with each further one; 0 for none
   */
  public record Lockout(
      @DefaultValue("3") @Min(1) @Max(100) int maxFailures,
      @DefaultValue("15m") @NotNull Duration duration,
      @DefaultValue("1s") @NotNull Duration slowdown) {}

  /**
   * Argon2id cost. The defaults are OWASP's minimum recommendation: 19 MiB, 2 passes, 1 lane.
   *
   * @param memoryKib memory per hash in KiB
   * @param iterations passes over the memory
   * @param parallelism lanes
   */
  public record Argon2(
      @DefaultValue("19456") @Min(8192) int memoryKib,
      @DefaultValue("2") @Min(1) int iterations,
      @DefaultValue("1") @Min(1) int parallelism) {}

  /**
   * The play-money account a new player gets. The amount of the welcome grant is the wallet's to
   * decide ({@code croupier.wallet.welcome-grant}); the gateway only asks for it, once per user.
   *
   * @param currency the play-money currency code
   */
  public record WelcomeGrant(@DefaultValue("COIN") @NotBlank String currency) {}

  /**
   * Browser login through an external OIDC or social provider.
   *
   * @param successRedirect where the browser is sent after login; the tokens follow in the URL
   *     fragment, which browsers never send to a server
   */
  public record Oidc(@DefaultValue("/") @NotBlank String successRedirect) {}
}
