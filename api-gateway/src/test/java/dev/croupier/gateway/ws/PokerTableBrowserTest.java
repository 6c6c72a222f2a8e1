package dev.croupier.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.client.testing.PokerTableClient;
import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.testsupport.Browser;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.workflows.table.TableOptions;
import dev.croupier.workflows.table.TableStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Two players at one poker table in two headless Chromium browsers (Debian's package, through
 * Selenium), against the real gateway, table workflow, wallet, outbox relay and Kafka: both
 * register, find the table in the lobby, sit down with a buy-in, and play a hand to the end through
 * the buttons (checking or calling down to a showdown). Both see the result; the stacks on screen
 * are what the table's escrow holds in the wallet, buy-ins minus rake; after leaving, the balances
 * on screen are the wallet's. Screenshots go to {@code target/artifacts/}.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class PokerTableBrowserTest {
  private static final Logger log = LoggerFactory.getLogger(PokerTableBrowserTest.class);
  private static final Path ARTIFACTS = Path.of("target", "artifacts");
  // Heads-up, blinds 5/10, buy-ins 100-1,000, 5 % rake capped at 20.
  private static final TableConfig HEADS_UP =
      new TableConfig("COIN", 2, 5, 10, 100, 1_000, 500, 20);
  private static final long BUY_IN = 500;
  private static final long WELCOME = 100_000;

  private static WsStack stack;
  private static String origin;
  private static PokerTableClient tables;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    stack = new WsStack(db, kafka, temporal);
    tables = stack.tables();
    int port = Ports.freePort();
    origin = "http://127.0.0.1:" + port;
    stack.startNode(
        Map.of(
            "server.port",
            port,
            "croupier.gateway.ws.allowed-origins",
            origin,
            "croupier.gateway.realtime.tables-topic",
            stack.lobbyTopic));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void twoPlayersSitDownAndPlayAHandToTheEndAndTheStacksOnScreenAreTheLedgers() throws IOException {
    UUID table = UUID.randomUUID();
    String name = "Ruby " + table.toString().substring(0, 4);
    // A clock long enough for a slow machine; a short pause so the first hand starts at once.
    tables.open(
        table,
        name,
        HEADS_UP,
        TableOptions.DEFAULTS
            .withActionTimeout(Duration.ofSeconds(90))
            .withHandPause(Duration.ofMillis(500)));
    ChromeDriver alice = Browser.start();
    ChromeDriver bob = Browser.start();
    try {
      String aliceEmail = register(alice, "Alice Ace");
      String bobEmail = register(bob, "Bob Button");
      Waiter wa = new Waiter(alice);
      Waiter wb = new Waiter(bob);

      // The lobby lists the table (through lobby.tables) with its stakes and free seats.
      By row = By.cssSelector("#tables li[data-table='" + table + "'] a");
      wa.until(d -> d.findElement(row).getText().contains("0.05/0.10 COIN"));
      assertThat(alice.findElement(row).getText()).contains(name, "0/2", "Join");
      shoot(alice, "01-lobby-tables");

      alice.findElement(row).click();
      wa.until(d -> d.findElement(By.id("pt-name")).getText().equals(name));
      wa.until(d -> d.findElements(By.cssSelector(".sit-here")).size() == 2);
      sitDown(alice, wa, 0);
      bob.findElement(By.cssSelector(".topnav a[href='#/lobby']")).click();
      wb.until(d -> d.findElement(row).getText().contains("1/2"));
      bob.findElement(row).click();
      wb.until(d -> d.findElement(By.id("pt-name")).getText().equals(name));
      sitDown(bob, wb, 1);

      // Both are dealt in; each sees two cards of their own and two backs of the other's.
      for (Waiter w : List.of(wa, wb)) {
        w.until(d -> d.findElement(By.id("pt-hand")).getText().startsWith("Hand #1"));
        w.until(
            d ->
                d.findElements(By.cssSelector(".seat.you .seat-cards .card[data-card]")).size()
                    == 2);
      }
      for (ChromeDriver d : List.of(alice, bob)) {
        assertThat(d.findElements(By.cssSelector(".seat:not(.you) .seat-cards .card.back")))
            .hasSize(2);
      }
      assertThat(balanceOnScreen(alice)).isEqualTo(WELCOME - BUY_IN);
      // Alice sits out from the next hand, so the table stops after this one.
      alice.findElement(By.id("pt-sitout")).click();
      wa.until(
          d ->
              d.findElements(By.cssSelector(".seat.you .tag")).stream()
                  .anyMatch(t -> t.getText().equalsIgnoreCase("Sitting out")));

      // Check or call down, through the buttons of whoever's turn it is.
      AtomicBoolean shotTurn = new AtomicBoolean();
      await("the hand ends")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(150))
          .until(
              () -> {
                for (ChromeDriver d : List.of(alice, bob)) {
                  WebElement bar = d.findElement(By.id("pt-actions"));
                  if (!bar.isDisplayed() || !d.findElement(By.id("pt-fold")).isEnabled()) {
                    continue;
                  }
                  if (!shotTurn.get()
                      && !d.findElements(By.cssSelector("#pt-board .card[data-card]")).isEmpty()) {
                    assertThat(d.findElement(By.id("pt-clock-text")).getText()).matches("\\d+ s");
                    shoot(d, "02-your-move");
                    shotTurn.set(true);
                  }
                  WebElement check = d.findElement(By.id("pt-check"));
                  (check.isDisplayed() ? check : d.findElement(By.id("pt-call"))).click();
                }
                return handOver(alice) && handOver(bob);
              });
      shoot(alice, "03-hand-over-alice");
      shoot(bob, "04-hand-over-bob");

      // Both see the showdown: the board, both hands face up and who won.
      for (ChromeDriver d : List.of(alice, bob)) {
        assertThat(d.findElement(By.id("pt-result")).getText())
            .containsIgnoringCase("Hand #1")
            .contains("wins");
        assertThat(d.findElements(By.cssSelector("#pt-board .card[data-card]"))).hasSize(5);
        assertThat(d.findElements(By.cssSelector(".seat .seat-cards .card[data-card]"))).hasSize(4);
      }
      long aliceStack = stackOnScreen(alice, 0);
      long bobStack = stackOnScreen(bob, 1);
      assertThat(stackOnScreen(bob, 0)).isEqualTo(aliceStack);
      assertThat(stackOnScreen(alice, 1)).isEqualTo(bobStack);

      // The ledger: the escrow holds exactly the stacks shown, and buy-ins = stacks + rake.
      long rake = rakeInLedger(table);
      assertThat(escrowInLedger(table)).isEqualTo(aliceStack + bobStack);
      assertThat(aliceStack + bobStack + rake).isEqualTo(2 * BUY_IN);
      TableStatus status = tables.status(table);
      assertThat(status.totalRake()).isEqualTo(rake);
      assertThat(status.escrowBalance()).isEqualTo(aliceStack + bobStack);
      assertThat(status.handRunning()).isFalse();
      String aliceId = userId(aliceEmail);
      String bobId = userId(bobEmail);
      assertThat(stack.wallet.balance(aliceId)).isEqualTo(WELCOME - BUY_IN);
      assertThat(stack.wallet.balance(bobId)).isEqualTo(WELCOME - BUY_IN);

      // Leaving cashes the stacks out: the balances on screen are the wallet's.
      for (ChromeDriver d : List.of(alice, bob)) {
        d.findElement(By.id("pt-leave")).click();
      }
      wa.until(d -> balanceOnScreen(d) == WELCOME - BUY_IN + aliceStack);
      wb.until(d -> balanceOnScreen(d) == WELCOME - BUY_IN + bobStack);
      assertThat(stack.wallet.balance(aliceId)).isEqualTo(WELCOME - BUY_IN + aliceStack);
      assertThat(stack.wallet.balance(bobId)).isEqualTo(WELCOME - BUY_IN + bobStack);
      assertThat(escrowInLedger(table)).isZero();
      wa.until(d -> d.findElements(By.cssSelector(".sit-here")).size() == 2);
      shoot(alice, "05-left-the-table");
    } finally {
      alice.quit();
      bob.quit();
    }
  }

  private String register(ChromeDriver browser, String displayName) {
    Waiter wait = new Waiter(browser);
    browser.get(origin + "/");
    wait.until(d -> d.findElement(By.id("login-form")).isDisplayed());
    String email = "poker-" + UUID.randomUUID() + "@example.com";
    browser.findElement(By.cssSelector("button[data-tab=register]")).click();
    WebElement form = browser.findElement(By.id("register-form"));
    form.findElement(By.name("email")).sendKeys(email);
    form.findElement(By.name("displayName")).sendKeys(displayName);
    form.findElement(By.name("password")).sendKeys(WsStack.PASSWORD);
    form.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> d.findElement(By.id("view-lobby")).isDisplayed());
    wait.until(d -> "online".equals(d.findElement(By.id("conn")).getDomAttribute("data-state")));
    wait.until(d -> ScreenMoney.minor(d.findElement(By.id("balance")).getText()) >= 0);
    return email;
  }

  private static void sitDown(ChromeDriver browser, Waiter wait, int seat) {
    browser.findElement(By.cssSelector(".sit-here[data-seat='" + seat + "']")).click();
    wait.until(d -> d.findElement(By.id("pt-buyin")).isDisplayed());
    WebElement amount = browser.findElement(By.id("pt-buyin-amount"));
    amount.clear();
    amount.sendKeys(ScreenMoney.typed(BUY_IN));
    browser.findElement(By.id("pt-buyin-sit")).click();
    wait.until(d -> !d.findElement(By.id("pt-buyin")).isDisplayed());
    wait.until(
        d ->
            stackOnScreen(d, seat) == BUY_IN
                && d.findElement(By.cssSelector(".seat[data-seat='" + seat + "']"))
                    .getDomAttribute("class")
                    .contains("you"));
    wait.until(d -> balanceOnScreen(d) == WELCOME - BUY_IN);
  }

  private static boolean handOver(ChromeDriver browser) {
    List<WebElement> result = browser.findElements(By.cssSelector("#pt-result[data-hand='1']"));
    return !result.isEmpty() && result.get(0).isDisplayed();
  }

  private static long stackOnScreen(ChromeDriver browser, int seat) {
    return Long.parseLong(
        browser
            .findElement(By.cssSelector(".seat[data-seat='" + seat + "'] .seat-stack"))
            .getDomAttribute("data-stack"));
  }

  private static long balanceOnScreen(ChromeDriver browser) {
    return ScreenMoney.minor(browser.findElement(By.id("balance")).getText());
  }

  private static String userId(String email) {
    return String.valueOf(
        stack.query("select user_id from identity.users where email = ?", email).get(0).get(0));
  }

  private static long escrowInLedger(UUID table) {
    return stack.count(
        "select coalesce(sum(b.balance), 0) from wallet.balance b"
            + " join wallet.account a on a.id = b.account_id"
            + " where a.type = 'TABLE_ESCROW' and a.owner_id = ?",
        table);
  }

  private static long rakeInLedger(UUID table) {
    return stack.count(
        "select coalesce(sum(e.amount), 0) from wallet.entry e"
            + " join wallet.transaction t on t.id = e.transaction_id"
            + " where t.table_id = ? and t.kind = 'RAKE' and e.amount > 0",
        table.toString());
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

  private static void shoot(ChromeDriver browser, String name) throws IOException {
    Files.createDirectories(ARTIFACTS);
    Path file = ARTIFACTS.resolve("poker-table-" + name + ".png");
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        file,
        StandardCopyOption.REPLACE_EXISTING);
    log.info("screenshot {}", file.toAbsolutePath());
  }
}
