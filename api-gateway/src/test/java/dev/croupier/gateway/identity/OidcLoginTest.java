package dev.croupier.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.devstack.Ports;
import dev.croupier.testidp.TestIdentityProvider;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Social/OIDC login through Spring's OAuth2 client against a real OIDC provider (Spring
 * Authorization Server) in this JVM. A cookie-keeping HTTP client plays the browser: it follows the
 * redirects and submits the provider's login form.
 */
@ExtendWith(PostgresExtension.class)
class OidcLoginTest {
  private static final String LANDING = "http://127.0.0.1:1/signed-in";
  private static final Pattern CSRF =
      Pattern.compile(
          "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
  private static ConfigurableApplicationContext provider;
  private static TestGateway gateway;

  @BeforeAll
  static void start(PostgresDatabase db) {
    int gatewayPort = Ports.freePort();
    provider =
        TestIdentityProvider.start(
            "http://127.0.0.1:" + gatewayPort + "/login/oauth2/code/testidp");
    String issuer =
        "http://127.0.0.1:"
            + ((org.springframework.boot.web.server.context.WebServerApplicationContext) provider)
                .getWebServer()
                .getPort();
    String registration = "spring.security.oauth2.client.registration.testidp.";
    gateway =
        TestGateway.start(
            db,
            Map.of(
                "server.port",
                gatewayPort,
                registration + "client-id",
                TestIdentityProvider.CLIENT_ID,
                registration + "client-secret",
                TestIdentityProvider.CLIENT_SECRET,
                registration + "scope",
                "openid,email,profile",
                "spring.security.oauth2.client.provider.testidp.issuer-uri",
                issuer,
                "croupier.identity.oidc.success-redirect",
                LANDING));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    provider.close();
  }

  /**
   * Runs the authorization-code flow as a browser would, then, as the web client does, trades the
   * one-time code from the landing page's fragment for tokens; returns the tokens (or the error) in
   * the fragment's old shape.
   */
  private static Map<String, String> signIn(String person) throws Exception {
    Map<String, String> landing = landing(person);
    if (!landing.containsKey("signin_code")) {
      return landing;
    }
    assertThat(landing).as("no token in the redirect").containsOnlyKeys("signin_code");
    TestGateway.Response r =
        gateway.post(
            "/auth/oidc/token", Map.of("code", landing.get("signin_code")), TestGateway.randomIp());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Cache-Control")).contains("no-store");
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("access_token", r.json().get("accessToken").asString());
    tokens.put("token_type", r.json().get("tokenType").asString());
    tokens.put("expires_in", r.json().get("expiresIn").asString());
    tokens.put("refresh_token", r.json().get("refreshToken").asString());
    tokens.put("user_id", r.json().get("userId").asString());
    tokens.put("signin_code", landing.get("signin_code"));
    return tokens;
  }

  /** The authorization-code flow up to the landing page; its fragment. */
  private static Map<String, String> landing(String person) throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    URI next = URI.create(gateway.url("/oauth2/authorization/testidp"));
    for (int hop = 0; hop < 20; hop++) {
      HttpResponse<String> r = get(browser, next);
      if (r.statusCode() == 302) {
        next = next.resolve(r.headers().firstValue("Location").orElseThrow());
        if (next.toString().startsWith(LANDING)) {
          return fragment(next.getRawFragment());
        }
      } else if (r.statusCode() == 200 && r.body().contains("name=\"password\"")) {
        next = submitLogin(browser, next, r.body(), person);
      } else {
        throw new AssertionError("unexpected " + r.statusCode() + " at " + next + ": " + r.body());
      }
    }
    throw new AssertionError("too many redirects");
  }

  private static URI submitLogin(HttpClient browser, URI page, String html, String person)
      throws IOException, InterruptedException {
    Matcher csrf = CSRF.matcher(html);
    assertThat(csrf.find()).as("login form has a CSRF token").isTrue();
    String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);
    String form =
        "username=%s&password=%s&_csrf=%s"
            .formatted(
                person,
                URLEncoder.encode(person + "-password", StandardCharsets.UTF_8),
                URLEncoder.encode(token, StandardCharsets.UTF_8));
    URI action = page.resolve("/login");
    HttpResponse<String> r =
        browser.send(
            HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("login form answer").isEqualTo(302);
    return action.resolve(r.headers().firstValue("Location").orElseThrow());
  }

  private static HttpResponse<String> get(HttpClient browser, URI uri)
      throws IOException, InterruptedException {
    return browser.send(
        HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> fragment(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      values.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return values;
  }

  @Test
  void firstOidcLoginCreatesAUserAndLaterLoginsFindTheSameOne() throws Exception {
    Map<String, String> first = signIn("uma");

    assertThat(first).containsKeys("access_token", "refresh_token", "expires_in", "user_id");
    assertThat(first.get("token_type")).isEqualTo("Bearer");
    TestGateway.Response me = gateway.get("/auth/me", first.get("access_token"));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("profile").path("email").asString()).isEqualTo("uma@example.com");
    assertThat(me.json().path("profile").path("displayName").asString()).isEqualTo("Uma Thurman");
    assertThat(me.json().path("profile").path("walletReady").asBoolean()).isTrue();
    assertThat(gateway.wallet.balance(first.get("user_id"))).isEqualTo(100_000L);

    Map<String, String> second = signIn("uma");
    assertThat(second.get("user_id")).isEqualTo(first.get("user_id"));
    assertThat(gateway.count("select count(*) from identity.users where email = 'uma@example.com'"))
        .isEqualTo(1);
    assertThat(
            gateway.count(
                "select count(*) from identity.login_events where user_id = ?::uuid"
                    + " and method = 'OIDC' and outcome = 'SUCCESS'",
                java.util.UUID.fromString(first.get("user_id"))))
        .isEqualTo(2);
    assertThat(
            gateway
                .post(
                    "/auth/refresh",
                    Map.of("refreshToken", second.get("refresh_token")),
                    TestGateway.randomIp())
                .status())
        .as("its refresh token works like a password login's")
        .isEqualTo(200);
  }

  @Test
  void firstOidcLoginWithTheVerifiedEmailOfAnExistingUserLinksToThatUser() throws Exception {
    String existing = gateway.register("victor@example.com", "Victor");

    Map<String, String> tokens = signIn("victor");

    assertThat(tokens.get("user_id")).isEqualTo(existing);
    assertThat(
            gateway.query(
                "select provider, user_id::text from identity.external_identities"
                    + " where email = 'victor@example.com'"))
        .containsExactly(java.util.List.of("testidp", existing));
  }

  @Test
  void anUnverifiedEmailNeitherCreatesNorLinksAnAccount() throws Exception {
    Map<String, String> answer = signIn("nell");

    assertThat(answer)
        .containsEntry("error", "VALIDATION_FAILED")
        .doesNotContainKey("access_token");
    assertThat(
            gateway.count("select count(*) from identity.users where email = 'nell@example.com'"))
        .isZero();
  }

  @Test
  void theSignInCodeIsGoodOnceAndTheProvidersAreListedForTheButtons() throws Exception {
    Map<String, String> tokens = signIn("wanda");
    TestGateway.Response again =
        gateway.post(
            "/auth/oidc/token", Map.of("code", tokens.get("signin_code")), TestGateway.randomIp());
    assertThat(again.status()).isEqualTo(401);
    assertThat(again.code()).isEqualTo("INVALID_TOKEN");
    TestGateway.Response forged =
        gateway.post("/auth/oidc/token", Map.of("code", "x".repeat(43)), TestGateway.randomIp());
    assertThat(forged.status()).isEqualTo(401);

    TestGateway.Response providers = gateway.get("/auth/providers", null);
    assertThat(providers.status()).isEqualTo(200);
    assertThat(providers.json().get(0).get("id").asString()).isEqualTo("testidp");
    assertThat(providers.json().get(0).get("loginUrl").asString())
        .isEqualTo("/oauth2/authorization/testidp");
  }

  @Test
  void theOAuth2SessionCookieIsNotACredential() throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    get(browser, URI.create(gateway.url("/oauth2/authorization/testidp")));

    HttpResponse<String> me = get(browser, URI.create(gateway.url("/auth/me")));

    assertThat(me.statusCode()).isEqualTo(401);
  }
}
