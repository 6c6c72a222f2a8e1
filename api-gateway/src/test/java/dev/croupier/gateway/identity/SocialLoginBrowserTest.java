package dev.croupier.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.devstack.Ports;
import dev.croupier.testidp.TestIdentityProvider;
import dev.croupier.testsupport.Browser;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Social login in the web client, in headless Chromium against the test authorization server: the
 * sign-in page shows a button per provider; the provider's login ends on the gateway with a
 * one-time code in the fragment, which the page trades for tokens by POST, and the player is signed
 * in. No URL the browser visits ever carries a token.
 */
@ExtendWith(PostgresExtension.class)
class SocialLoginBrowserTest {
  private static final Path ARTIFACTS = Path.of("target", "artifacts");
  private static ConfigurableApplicationContext provider;
  private static TestGateway gateway;
  private static String origin;

  @BeforeAll
  static void start(PostgresDatabase db) {
    int gatewayPort = Ports.freePort();
    origin = "http://127.0.0.1:" + gatewayPort;
    provider = TestIdentityProvider.start(origin + "/login/oauth2/code/testidp");
    String issuer =
        "http://127.0.0.1:" + ((WebServerApplicationContext) provider).getWebServer().getPort();
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
                registration + "client-name",
                "Test IdP",
                registration + "scope",
                "openid,email,profile",
                "spring.security.oauth2.client.provider.testidp.issuer-uri",
                issuer,
                "croupier.identity.oidc.success-redirect",
                origin + "/",
                "croupier.gateway.ws.allowed-origins",
                origin));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    provider.close();
  }

  @Test
  void theSocialLoginButtonSignsThePlayerInWithAOneTimeCodeAndNoTokenInAnyUrl() throws IOException {
    ChromeDriver browser = Browser.start();
    List<String> urls = new ArrayList<>();
    try {
      browser.get(origin + "/");
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(
              () ->
                  browser
                      .findElement(By.cssSelector("#social-login a[data-provider=testidp]"))
                      .isDisplayed());
      assertThat(browser.findElement(By.cssSelector("#social-login a")).getText())
          .isEqualTo("Sign in with Test IdP");
      shoot(browser, "social-login-button");
      browser.findElement(By.cssSelector("#social-login a[data-provider=testidp]")).click();

      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> browser.findElement(By.name("username")).isDisplayed());
      urls.add(browser.getCurrentUrl());
      browser.findElement(By.name("username")).sendKeys("xena");
      browser.findElement(By.name("password")).sendKeys("xena-password");
      browser.findElement(By.cssSelector("button[type=submit]")).click();

      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> browser.findElement(By.id("who")).getText().equals("Xena"));
      urls.add(browser.getCurrentUrl());
      shoot(browser, "social-login-signed-in");
      assertThat(browser.getCurrentUrl()).startsWith(origin).doesNotContain("signin_code");
      for (String url : urls) {
        assertThat(url).doesNotContain("access_token").doesNotContain("refresh_token");
      }
      assertThat(
              gateway.count("select count(*) from identity.users where email = 'xena@example.com'"))
          .isEqualTo(1);
      assertThat(gateway.count("select count(*) from identity.sign_in_codes")).isZero();
    } finally {
      browser.quit();
    }
  }

  private static void shoot(ChromeDriver browser, String name) throws IOException {
    Files.createDirectories(ARTIFACTS);
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        ARTIFACTS.resolve(name + ".png"),
        StandardCopyOption.REPLACE_EXISTING);
  }
}
