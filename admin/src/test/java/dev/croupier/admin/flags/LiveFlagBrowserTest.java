package dev.croupier.admin.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.admin.GatewayProcess;
import dev.croupier.admin.TestAdmin;
import dev.croupier.admin.staff.Role;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.Browser;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/**
 * A live flag, end to end in real browsers: two players on two gateway nodes (each its own process)
 * have the slot open; a staff member turns {@code auto-spin} on in the back office; both players'
 * pages show auto-spin without a reload, and hide it again when it is turned off. Screenshots go to
 * {@code target/artifacts/live-flag-*.png}.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class LiveFlagBrowserTest {
  private static final Path ARTIFACTS = Path.of("target", "artifacts");
  private static TestWallet wallet;
  private static GatewayProcess nodeA;
  private static GatewayProcess nodeB;
  private static TestAdmin admin;
  private static TestAdmin.Member root;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    String flags = KafkaTopics.create(kafka.bootstrapServers(), "admin.flags", 1);
    wallet = TestWallet.over(db).welcomeGrant(100_000).start();
    Map<String, String> env = Map.of("CROUPIER_FEATURES_TOPIC", flags);
    nodeA = GatewayProcess.start(db, wallet, temporal, kafka, env);
    nodeB = GatewayProcess.start(db, wallet, temporal, kafka, env);
    admin =
        TestAdmin.start(
            db,
            Map.ofEntries(
                Map.entry("croupier.admin.kafka.bootstrap-servers", kafka.bootstrapServers()),
                Map.entry("croupier.admin.kafka.flags-topic", flags),
                Map.entry(
                    "croupier.admin.kafka.entries-topic",
                    KafkaTopics.create(kafka.bootstrapServers(), "wallet.entries", 1)),
                Map.entry("croupier.admin.temporal.target", temporal.target()),
                Map.entry("croupier.admin.temporal.namespace", temporal.settings().namespace()),
                Map.entry("croupier.admin.temporal.worker", false),
                Map.entry("croupier.admin.realtime-url", "http://127.0.0.1:" + Ports.freePort())));
    root = admin.bootstrapAdmin("root@example.com");
  }

  @AfterAll
  static void stop() {
    admin.close();
    nodeA.close();
    nodeB.close();
    wallet.close();
  }

  @Test
  void playersOnTwoNodesSeeAutoSpinFollowTheFlagWithoutAReload() throws Exception {
    Files.createDirectories(ARTIFACTS);
    ChromeDriver alice = Browser.start();
    ChromeDriver bob = Browser.start();
    ChromeDriver staff = Browser.start();
    try {
      openSlot(alice, nodeA, "Alice");
      openSlot(bob, nodeB, "Bob");
      for (ChromeDriver p : List.of(alice, bob)) {
        assertThat(autoSpinShown(p))
            .as("off: the store's value, published by admin at start")
            .isFalse();
        // A mark on the page: a reload would lose it.
        p.executeScript("document.body.dataset.marker = 'before the toggle'");
      }

      TestAdmin.Member ops = admin.enrolled(root, "ops@example.com", "Olga Ops", Role.OPS);
      staff.get(admin.base() + "/sign-in");
      staff.findElement(By.name("email")).sendKeys(ops.email());
      staff.findElement(By.name("password")).sendKeys(TestAdmin.PASSWORD);
      staff.findElement(By.name("code")).sendKeys(ops.code(Instant.now()));
      staff.findElement(By.cssSelector("form button[type=submit]")).click();
      until(staff, d -> d.getCurrentUrl().endsWith("/dashboard"));
      toggle(staff, "weekend promotion starts", "ON");
      shot(staff, "01-admin-on");

      until(alice, LiveFlagBrowserTest::autoSpinShown);
      until(bob, LiveFlagBrowserTest::autoSpinShown);
      for (ChromeDriver p : List.of(alice, bob)) {
        assertThat(p.executeScript("return document.body.dataset.marker"))
            .isEqualTo("before the toggle");
      }
      shot(alice, "02-node-a-on");
      shot(bob, "03-node-b-on");

      toggle(staff, "weekend promotion is over", "OFF");
      until(alice, d -> !autoSpinShown(d));
      until(bob, d -> !autoSpinShown(d));
      shot(bob, "04-node-b-off");
    } finally {
      alice.quit();
      bob.quit();
      staff.quit();
    }
  }

  private static void openSlot(ChromeDriver browser, GatewayProcess node, String name) {
    browser.get(node.origin() + "/");
    until(browser, d -> d.findElement(By.id("login-form")).isDisplayed());
    browser.findElement(By.cssSelector("button[data-tab=register]")).click();
    WebElement form = browser.findElement(By.id("register-form"));
    form.findElement(By.name("email"))
        .sendKeys(name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com");
    form.findElement(By.name("displayName")).sendKeys(name + " Player");
    form.findElement(By.name("password")).sendKeys("correct horse battery");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    until(browser, d -> d.findElement(By.id("view-lobby")).isDisplayed());
    until(
        browser, d -> "online".equals(d.findElement(By.id("conn")).getDomAttribute("data-state")));
    browser.findElement(By.cssSelector("a[href='#/slot']")).click();
    until(browser, d -> d.findElements(By.cssSelector("#reels .reel")).size() == 5);
  }

  private static boolean autoSpinShown(ChromeDriver browser) {
    return browser.findElement(By.cssSelector(".auto")).isDisplayed();
  }

  private static void toggle(ChromeDriver staff, String reason, String expected) {
    staff.get(admin.base() + "/flags");
    WebElement row = staff.findElement(By.id("flag-auto-spin"));
    row.findElement(By.name("reason")).sendKeys(reason);
    row.findElement(By.cssSelector("button[type=submit]")).click();
    until(
        staff,
        d -> d.findElement(By.cssSelector("#flag-auto-spin .status")).getText().equals(expected));
  }

  private static void until(ChromeDriver browser, Predicate<ChromeDriver> condition) {
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .pollInterval(Duration.ofMillis(100))
        .until(() -> condition.test(browser));
  }

  private static void shot(ChromeDriver browser, String name) throws Exception {
    Files.write(
        ARTIFACTS.resolve("live-flag-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
