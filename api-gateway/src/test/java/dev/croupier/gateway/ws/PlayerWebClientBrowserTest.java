package dev.croupier.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.Browser;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web client as a person uses it, in headless Chromium (Debian's package, through Selenium):
 * register, land in the lobby, open the slot, spin until the balance changes, compare it with the
 * wallet, close the session and verify a round in the fairness panel. Screenshots go to {@code
 * target/artifacts/}.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class PlayerWebClientBrowserTest {
  private static final Logger log = LoggerFactory.getLogger(PlayerWebClientBrowserTest.class);
  private static final Path ARTIFACTS = Path.of("target", "artifacts");
  private static WsStack stack;
  private static WsStack.Node node;
  private static String origin;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    stack = new WsStack(db, kafka, temporal);
    int port = Ports.freePort();
    origin = "http://127.0.0.1:" + port;
    node =
        stack.startNode(Map.of("server.port", port, "croupier.gateway.ws.allowed-origins", origin));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void aPlayerRegistersSpinsClosesTheSessionAndVerifiesARound() throws IOException {
    ChromeDriver browser = Browser.start();
    try {
      Waiter wait = new Waiter(browser);
      browser.get(origin + "/");
      wait.until(d -> d.findElement(By.id("login-form")).isDisplayed());
      shoot(browser, "01-sign-in");

      String email = "browser-" + UUID.randomUUID() + "@example.com";
      browser.findElement(By.cssSelector("button[data-tab=register]")).click();
      WebElement form = browser.findElement(By.id("register-form"));
      form.findElement(By.name("email")).sendKeys(email);
      form.findElement(By.name("displayName")).sendKeys("Browser Bob");
      form.findElement(By.name("password")).sendKeys(WsStack.PASSWORD);
      form.findElement(By.cssSelector("button[type=submit]")).click();

      wait.until(d -> d.findElement(By.id("view-lobby")).isDisplayed());
      wait.until(d -> ScreenMoney.minor(d.findElement(By.id("balance")).getText()) >= 0);
      wait.until(d -> "online".equals(d.findElement(By.id("conn")).getDomAttribute("data-state")));
      long start = coins(browser.findElement(By.id("balance")).getText());
      assertThat(start).isEqualTo(100_000);
      shoot(browser, "02-lobby");

      browser.findElement(By.cssSelector(".topnav a[href='#/slot']")).click();
      wait.until(d -> d.findElements(By.cssSelector("#reels .reel")).size() == 5);
      WebElement spin = browser.findElement(By.id("spin"));
      long balance = start;
      for (int i = 0; i < 20 && balance == start; i++) {
        spin.click();
        wait.until(d -> !d.findElement(By.id("round-no")).getText().equals("0"));
        wait.until(d -> spin.isEnabled());
        balance = coins(browser.findElement(By.id("balance")).getText());
      }
      assertThat(balance).isNotEqualTo(start);
      String userId =
          String.valueOf(
              stack
                  .query("select user_id from identity.users where email = ?", email)
                  .get(0)
                  .get(0));
      assertThat(balance).isEqualTo(stack.wallet.balance(userId));
      String commitment = browser.findElement(By.id("commitment")).getText();
      assertThat(commitment).matches("[0-9a-f]{64}");
      shoot(browser, "03-slot");

      browser.findElement(By.id("close-session")).click();
      wait.until(d -> d.findElement(By.id("server-seed")).getText().matches("[0-9a-f]{64}"));
      wait.until(
          d ->
              !d.findElements(By.cssSelector("#rounds .badge.ok")).isEmpty()
                  && d.findElements(By.cssSelector("#rounds .badge.bad")).isEmpty());
      shoot(browser, "04-session-closed");

      browser.findElement(By.cssSelector(".topnav a[href='#/fairness']")).click();
      WebElement verify = browser.findElement(By.id("verify-form"));
      wait.until(
          d -> verify.findElement(By.name("serverSeed")).getDomProperty("value").length() == 64);
      assertThat(verify.findElement(By.name("commitment")).getDomProperty("value"))
          .isEqualTo(commitment);
      verify.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(d -> d.findElements(By.cssSelector("#verify-result .check")).size() >= 3);
      assertThat(browser.findElements(By.cssSelector("#verify-result .badge.bad"))).isEmpty();
      assertThat(browser.findElements(By.cssSelector("#verify-result .badge.ok")).size())
          .isGreaterThanOrEqualTo(3);
      shoot(browser, "05-verified");
    } finally {
      browser.quit();
    }
  }

  /** Polls the page until a condition holds, for up to 30 s. */
  private record Waiter(ChromeDriver browser) {
    void until(Predicate<ChromeDriver> condition) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> condition.test(browser));
    }
  }

  private static long coins(String text) {
    return ScreenMoney.minor(text);
  }

  private static void shoot(ChromeDriver browser, String name) throws IOException {
    Files.createDirectories(ARTIFACTS);
    Path file = ARTIFACTS.resolve("web-client-" + name + ".png");
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        file,
        StandardCopyOption.REPLACE_EXISTING);
    log.info("screenshot {}", file.toAbsolutePath());
  }
}
