package dev.croupier.gateway.identity;

import static dev.croupier.gateway.identity.TestGateway.PASSWORD;
import static dev.croupier.gateway.identity.TestGateway.randomIp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Password login, the access token, JWKS, /auth/me, refresh rotation, reuse, logout, lockout. */
@ExtendWith(PostgresExtension.class)
class LoginAndTokensTest {
  private static final Duration LOCKOUT = Duration.ofSeconds(3);
  private static TestGateway gateway;

  @BeforeAll
  static void start(PostgresDatabase db) {
    gateway =
        TestGateway.start(
            db,
            Map.of(
                "croupier.identity.lockout.duration",
                LOCKOUT.toSeconds() + "s",
                "croupier.identity.lockout.slowdown",
                "300ms"));
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  private static TestGateway.Response refresh(String token) {
    return gateway.post("/auth/refresh", Map.of("refreshToken", token), randomIp());
  }

  @Test
  void loginReturnsAFifteenMinuteJwtVerifiableThroughTheJwksAndAnOpaqueRefreshToken()
      throws Exception {
    String userId = gateway.register("ivan@example.com", "Ivan");
    String ip = randomIp();

    TestGateway.Response r =
        gateway.post(
            "/auth/login",
            Map.of("email", "IVAN@example.com", "password", PASSWORD, "deviceId", "phone-1"),
            ip);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(r.json().get("tokenType").asString()).isEqualTo("Bearer");
    assertThat(r.json().get("expiresIn").asLong()).isEqualTo(900);
    assertThat(r.json().get("refreshToken").asString()).matches("[A-Za-z0-9_-]{43}");

    SignedJWT jwt = SignedJWT.parse(r.json().get("accessToken").asString());
    TestGateway.Response jwks =
        gateway.send(
            HttpRequest.newBuilder(URI.create(gateway.url("/.well-known/jwks.json"))).build());
    RSAKey published = (RSAKey) JWKSet.parse(jwks.body()).getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(published).isNotNull();
    assertThat(published.isPrivate()).isFalse();
    assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
    var claims = jwt.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(userId);
    assertThat(claims.getStringClaim("device_id")).isEqualTo("phone-1");
    assertThat(claims.getStringListClaim("roles")).containsExactly("PLAYER");
    assertThat(claims.getIssuer()).isEqualTo("urn:croupier:identity");
    assertThat(claims.getAudience()).containsExactly("croupier");
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(
            Duration.between(
                claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isEqualTo(Duration.ofMinutes(15));

    assertThat(
            gateway.query(
                "select outcome, ip from identity.login_events where user_id = ?::uuid", userId))
        .containsExactly(List.of("SUCCESS", ip));
    assertThat(
            gateway.count(
                "select count(*) from identity.refresh_tokens where token_hash = sha256(convert_to(?, 'UTF8'))",
                r.json().get("refreshToken").asString()))
        .as("stored only as its hash")
        .isEqualTo(1);
  }

  @Test
  void meReturnsTheProfileOfTheTokensUser() {
    String userId = gateway.register("judy@example.com", "Judy");
    String token =
        gateway
            .login("judy@example.com", PASSWORD, randomIp())
            .json()
            .get("accessToken")
            .asString();

    TestGateway.Response me = gateway.get("/auth/me", token);

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("profile").path("userId").asString()).isEqualTo(userId);
    assertThat(me.json().path("profile").path("email").asString()).isEqualTo("judy@example.com");
    assertThat(me.json().path("profile").path("displayName").asString()).isEqualTo("Judy");
    assertThat(me.json().path("profile").path("walletReady").asBoolean()).isTrue();
    assertThat(me.json().path("deviceId").asString()).isNotBlank();
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
    gateway.register("ken@example.com", "Ken");

    TestGateway.Response wrong = gateway.login("ken@example.com", "not the password", randomIp());
    TestGateway.Response unknown = gateway.login("nobody@example.com", PASSWORD, randomIp());

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.code()).isEqualTo("BAD_CREDENTIALS");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.code()).isEqualTo("BAD_CREDENTIALS");
    assertThat(unknown.json().get("detail")).isEqualTo(wrong.json().get("detail"));
  }

  @Test
  void everyRefreshRotatesAndReusingAnOldTokenRevokesTheWholeFamily() {
    gateway.register("leo@example.com", "Leo");
    TestGateway.Response login = gateway.login("leo@example.com", PASSWORD, randomIp());
    String first = login.json().get("refreshToken").asString();

    TestGateway.Response rotated = refresh(first);
    assertThat(rotated.status()).isEqualTo(200);
    String second = rotated.json().get("refreshToken").asString();
    assertThat(second).isNotEqualTo(first);
    assertThat(rotated.json().get("deviceId")).isEqualTo(login.json().get("deviceId"));
    assertThat(gateway.get("/auth/me", rotated.json().get("accessToken").asString()).status())
        .isEqualTo(200);

    TestGateway.Response reused = refresh(first);
    assertThat(reused.status()).isEqualTo(401);
    assertThat(reused.code()).isEqualTo("TOKEN_REUSED");

    TestGateway.Response afterRevocation = refresh(second);
    assertThat(afterRevocation.status()).isEqualTo(401);
    assertThat(afterRevocation.code()).isEqualTo("INVALID_TOKEN");
    assertThat(
            gateway.count(
                "select count(*) from identity.refresh_tokens t join identity.users u using (user_id)"
                    + " where u.email = 'leo@example.com' and t.revoke_reason = 'REUSE_DETECTED'"))
        .isEqualTo(2);
  }

  @Test
  void logoutRevokesTheFamilyAndARevokedTokenIsRefused() {
    gateway.register("mia@example.com", "Mia");
    String first =
        gateway
            .login("mia@example.com", PASSWORD, randomIp())
            .json()
            .get("refreshToken")
            .asString();
    String second = refresh(first).json().get("refreshToken").asString();

    TestGateway.Response logout =
        gateway.post("/auth/logout", Map.of("refreshToken", second), randomIp());
    assertThat(logout.status()).isEqualTo(204);

    TestGateway.Response revoked = refresh(second);
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.code()).isEqualTo("INVALID_TOKEN");
    assertThat(revoked.json().get("detail").asString()).contains("revoked");
    assertThat(gateway.post("/auth/logout", Map.of("refreshToken", second), randomIp()).status())
        .as("logout is idempotent")
        .isEqualTo(204);
  }

  @Test
  void unknownOrMissingRefreshTokensAreRefused() {
    assertThat(refresh("A".repeat(43)).code()).isEqualTo("INVALID_TOKEN");
    assertThat(refresh("x".repeat(5000)).status()).isEqualTo(401);
    TestGateway.Response missing = gateway.post("/auth/refresh", Map.of(), randomIp());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.fieldErrors()).containsExactly("refreshToken:REQUIRED");
    assertThat(gateway.post("/auth/logout", Map.of("refreshToken", "nope"), randomIp()).status())
        .isEqualTo(401);
  }

  /** Tries until the answer is not the slow-down's 429, as a patient client would. */
  private static TestGateway.Response answered(String email, String password, String ip) {
    TestGateway.Response[] last = new TestGateway.Response[1];
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> (last[0] = gateway.login(email, password, ip)).status() != 429);
    return last[0];
  }

  @Test
  void aFailureSlowsDownItsSourceWithRetryAfter() {
    gateway.register("mira-slow@example.com", "Mira");
    String ip = randomIp();
    assertThat(gateway.login("mira-slow@example.com", "wrong password", ip).code())
        .isEqualTo("BAD_CREDENTIALS");
    TestGateway.Response tooSoon = gateway.login("mira-slow@example.com", PASSWORD, ip);
    assertThat(tooSoon.status()).isEqualTo(429);
    assertThat(tooSoon.code()).isEqualTo("RATE_LIMITED");
    assertThat(Long.parseLong(tooSoon.header("Retry-After"))).isPositive();
    // Another source is not slowed down by it.
    assertThat(gateway.login("mira-slow@example.com", PASSWORD, randomIp()).status())
        .isEqualTo(200);
  }

  @Test
  void threeFailuresLockTheSourceNotThePlayerThenItOpensAgain() {
    String userId = gateway.register("nina@example.com", "Nina");
    String ip = randomIp();

    assertThat(answered("nina@example.com", "wrong password 1", ip).code())
        .isEqualTo("BAD_CREDENTIALS");
    assertThat(answered("nina@example.com", "wrong password 2", ip).code())
        .isEqualTo("BAD_CREDENTIALS");
    TestGateway.Response third = answered("nina@example.com", "wrong password 3", ip);
    assertThat(third.status()).isEqualTo(423);
    assertThat(third.code()).isEqualTo("ACCOUNT_LOCKED");
    assertThat(third.json().get("detail").asString()).contains("from this address or device");
    Instant lockedUntil = Instant.parse(third.json().get("lockedUntil").asString());
    assertThat(lockedUntil).isBetween(Instant.now(), Instant.now().plus(LOCKOUT).plusSeconds(1));

    // The locked source is refused even with the right password...
    TestGateway.Response rightPasswordWhileLocked = gateway.login("nina@example.com", PASSWORD, ip);
    assertThat(rightPasswordWhileLocked.status()).isEqualTo(423);
    assertThat(rightPasswordWhileLocked.code()).isEqualTo("ACCOUNT_LOCKED");
    // ...while the player, from anywhere else, signs in at once.
    assertThat(gateway.login("nina@example.com", PASSWORD, randomIp()).status()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> gateway.login("nina@example.com", PASSWORD, ip).status() == 200);
    assertThat(
            gateway.query(
                "select outcome from identity.login_events where user_id = ?::uuid order by event_id",
                userId))
        .extracting(row -> row.get(0))
        .startsWith("FAILURE", "FAILURE", "LOCKED", "REJECTED_LOCKED", "SUCCESS")
        .endsWith("SUCCESS");
    assertThat(gateway.count("select count(*) from identity.login_failures")).isNotNegative();
  }

  @Test
  void knownAndUnknownEmailsGetTheSameAnswersUpToTheLock() {
    gateway.register("olga@example.com", "Olga");
    String ipKnown = randomIp();
    String ipUnknown = randomIp();
    for (int attempt = 1; attempt <= 4; attempt++) {
      TestGateway.Response known = answered("olga@example.com", "wrong " + attempt, ipKnown);
      TestGateway.Response unknown =
          answered("nobody-olga@example.com", "wrong " + attempt, ipUnknown);
      assertThat(unknown.status()).as("attempt %d", attempt).isEqualTo(known.status());
      assertThat(unknown.code()).isEqualTo(known.code());
      assertThat(unknown.json().get("title")).isEqualTo(known.json().get("title"));
      assertThat(unknown.json().get("detail").asString().replaceAll("until .*", ""))
          .isEqualTo(known.json().get("detail").asString().replaceAll("until .*", ""));
      assertThat(unknown.json().propertyNames()).isEqualTo(known.json().propertyNames());
    }
    // Both end locked, by the same rule.
    assertThat(gateway.login("olga@example.com", PASSWORD, ipKnown).status()).isEqualTo(423);
    assertThat(gateway.login("nobody-olga@example.com", PASSWORD, ipUnknown).status())
        .isEqualTo(423);
  }

  @Test
  void aSuccessfulLoginResetsTheFailureCount() {
    gateway.register("omar@example.com", "Omar");
    String ip = randomIp();
    answered("omar@example.com", "wrong password", ip);
    answered("omar@example.com", "wrong password", ip);
    assertThat(answered("omar@example.com", PASSWORD, ip).status()).isEqualTo(200);

    answered("omar@example.com", "wrong password", ip);
    answered("omar@example.com", "wrong password", ip);

    assertThat(answered("omar@example.com", PASSWORD, ip).status()).isEqualTo(200);
  }
}
