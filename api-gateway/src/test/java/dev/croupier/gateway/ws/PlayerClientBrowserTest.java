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
import dev.croupier.testsupport.KafkaTopics;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.workflows.table.TableOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

/**
 * The web client's pages as a player uses them, in headless Chromium, at desktop size and on a
 * phone (390 × 844 and 360 × 740): the reels drawn as pictures that need no font, every page no
 * wider than the screen with its controls in reach, every amount with its currency's scale and
 * code, a client seed the player chooses and the fairness page verifying a round with it, the
 * transaction history paged from the wallet with each round's recall and verification, and a poker
 * hand re-dealt from the table's revealed seed. Screenshots go to {@code
 * target/artifacts/client-*}.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class PlayerClientBrowserTest {
  private static final Path ARTIFACTS = Path.of("target", "artifacts");
  // Heads-up, blinds 0.05/0.10 COIN, buy-ins 1.00-10.00 COIN, no rake.
  private static final TableConfig HEADS_UP = new TableConfig("COIN", 2, 5, 10, 100, 1_000, 0, 0);
  private static final long BUY_IN = 500;
  // Nine seats, blinds 0.25/0.50 COIN, buy-ins 1.00-50.00 COIN.
  private static final TableConfig NINE_MAX = new TableConfig("COIN", 9, 25, 50, 100, 5_000, 0, 0);

  private static WsStack stack;
  private static RecallWorkers recall;
  // Topics of this class's own, so the values it publishes never reach another class's gateway.
  private static String jackpotTopic;
  private static String leaderboardTopic;
  private static WsStack.Node node;
  private static String origin;
  private static PokerTableClient tables;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    stack = new WsStack(db, kafka, temporal);
    tables = stack.tables();
    recall = new RecallWorkers(stack, db, temporal);
    int port = Ports.freePort();
    origin = "http://127.0.0.1:" + port;
    jackpotTopic = KafkaTopics.create(kafka.bootstrapServers(), "jackpot.updates", 1);
    leaderboardTopic = KafkaTopics.create(kafka.bootstrapServers(), "leaderboard.updates", 1);
    node =
        stack.startNode(
            Map.of(
                "server.port",
                port,
                "croupier.gateway.ws.allowed-origins",
                origin,
                "croupier.gateway.realtime.tables-topic",
                stack.lobbyTopic,
                "croupier.gateway.realtime.jackpot-topic",
                jackpotTopic,
                "croupier.gateway.realtime.leaderboard-topic",
                leaderboardTopic,
                "croupier.gateway.recall.workers-url",
                recall.baseUrl()));
  }

  @AfterAll
  static void stop() {
    if (recall != null) {
      recall.close();
    }
    stack.close();
  }

  // ---- 1. reel art
  // -------------------------------------------------------------------------------

  @Test
  void theReelSymbolsArePicturesThatRenderWithoutAnyFont() throws IOException {
    ChromeDriver browser = Browser.start();
    try {
      register(browser, "Reel Watcher");
      browser.get(origin + "/#/slot");
      Waiter wait = new Waiter(browser);
      wait.until(d -> d.findElements(By.cssSelector("#reels .sym img")).size() == 15);
      // Spin a few times, so more symbols have been drawn.
      for (int i = 0; i < 4; i++) {
        spin(browser);
      }
      Map<String, WebElement> bySymbol = new LinkedHashMap<>();
      for (WebElement cell : browser.findElements(By.cssSelector("#reels .sym"))) {
        bySymbol.putIfAbsent(cell.getDomAttribute("data-symbol"), cell);
      }
      shoot(browser, "01-reels-desktop");
      assertThat(bySymbol).hasSizeGreaterThanOrEqualTo(4);
      for (Map.Entry<String, WebElement> e : bySymbol.entrySet()) {
        WebElement cell = e.getValue();
        // A picture, loaded and decoded, and no text standing in for it.
        assertThat(cell.getText()).as(e.getKey()).isEmpty();
        WebElement img = cell.findElement(By.tagName("img"));
        assertThat(
                (Boolean)
                    js(browser)
                        .executeScript(
                            "return arguments[0].complete && arguments[0].naturalWidth > 0", img))
            .as(e.getKey() + " image loaded")
            .isTrue();
        // Its pixels: enough of the symbol's own colour, not a blank box.
        BufferedImage shot =
            ImageIO.read(new ByteArrayInputStream(cell.getScreenshotAs(OutputType.BYTES)));
        Files.createDirectories(ARTIFACTS);
        ImageIO.write(
            shot, "png", ARTIFACTS.resolve("client-symbol-" + e.getKey() + ".png").toFile());
        double share = share(shot, COLOURS.get(e.getKey()));
        assertThat(share)
            .as("share of %s's colour in its rendered cell", e.getKey())
            .isGreaterThan(0.04);
      }
      // The lobby's game card uses the same pictures.
      browser.get(origin + "/#/lobby");
      wait.until(d -> d.findElements(By.cssSelector(".game-art img")).size() == 3);
      for (WebElement img : browser.findElements(By.cssSelector(".game-art img"))) {
        wait.until(
            d ->
                (Boolean)
                    js(browser)
                        .executeScript(
                            "return arguments[0].complete && arguments[0].naturalWidth > 0", img));
      }
    } finally {
      browser.quit();
    }
  }

  /** Each symbol's own colour, as RGB tests. */
  private static final Map<String, IntPredicate> COLOURS =
      Map.of(
          "CHERRY", rgb(c -> c[0] > 150 && c[1] < 90 && c[2] < 90),
          "SEVEN", rgb(c -> c[0] > 150 && c[1] < 90 && c[2] < 90),
          "LEMON", rgb(c -> c[0] > 200 && c[1] > 170 && c[2] < 110),
          "ORANGE", rgb(c -> c[0] > 200 && c[1] > 80 && c[1] < 175 && c[2] < 80),
          "PLUM", rgb(c -> c[0] > 70 && c[0] < 210 && c[1] < 100 && c[2] > 100),
          "BELL", rgb(c -> c[0] > 180 && c[1] > 110 && c[2] < 70),
          "CROWN", rgb(c -> c[0] > 180 && c[1] > 110 && c[2] < 70),
          "STAR", rgb(c -> c[2] > 140 && c[0] < 120),
          "WILD", rgb(c -> c[1] > 80 && c[0] < 90 && c[2] < 130),
          "BAR", rgb(c -> c[0] < 60 && c[1] < 60 && c[2] < 60));

  private static IntPredicate rgb(Predicate<int[]> test) {
    return p -> test.test(new int[] {(p >> 16) & 255, (p >> 8) & 255, p & 255});
  }

  private static double share(BufferedImage image, IntPredicate colour) {
    long hits = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (colour.test(image.getRGB(x, y))) {
          hits++;
        }
      }
    }
    return (double) hits / ((long) image.getWidth() * image.getHeight());
  }

  // ---- 2 and 3. every page on a phone, every amount with its scale and code
  // -----------------------

  @Test
  void everyPageFitsAPhoneAndShowsAmountsWithTheirScaleAndCode() throws IOException {
    UUID table = openTable("Phone");
    ChromeDriver browser = Browser.start();
    WsClient bot = null;
    try {
      for (int[] size : List.of(new int[] {390, 844}, new int[] {360, 740})) {
        phone(browser, size[0], size[1]);
        String tag = size[0] + "x" + size[1];
        browser.get(origin + "/");
        new Waiter(browser).until(d -> d.findElement(By.id("login-form")).isDisplayed());
        assertFits(browser, "auth-" + tag, false, "#login-form button[type=submit]");
      }
      phone(browser, 390, 844);
      register(browser, "Phone Fan");
      Waiter wait = new Waiter(browser);
      // The balance, with its scale and code, in the top bar.
      assertThat(browser.findElement(By.id("balance")).getText()).isEqualTo("1,000.00 COIN");
      // A new progressive jackpot holds one minor unit: 0.01 COIN, not "1".
      publish(
          jackpotTopic,
          "pool/COIN",
          "{\"type\":\"jackpot.update\",\"payload\":{\"pool\":1,\"currency\":\"COIN\","
              + "\"asOf\":\"2026-01-01T00:00:00Z\"}}");
      publish(
          leaderboardTopic,
          "biggest-win/daily/COIN",
          "{\"type\":\"leaderboard.update\",\"payload\":{\"board\":\"biggest-win\","
              + "\"period\":\"daily\",\"entries\":[{\"rank\":1,\"displayName\":\"Zed\","
              + "\"value\":123456}]}}");
      wait.until(d -> d.findElement(By.id("jackpot")).getText().equals("0.01 COIN"));
      wait.until(d -> d.findElement(By.id("board")).getText().contains("Zed"));
      assertThat(browser.findElement(By.id("board")).getText()).contains("1,234.56 COIN");
      By row = By.cssSelector("#tables li[data-table='" + table + "'] a");
      wait.until(d -> d.findElement(row).getText().contains("0.05/0.10 COIN"));
      assertThat(browser.findElement(row).getText()).contains("1.00–10.00 COIN");
      assertFits(browser, "lobby-390x844", false, "#balance", "#menu-toggle");

      // The menu: every link in reach and big enough for a thumb.
      browser.findElement(By.id("menu-toggle")).click();
      wait.until(d -> d.findElement(By.cssSelector(".topnav a[href='#/history']")).isDisplayed());
      assertFits(
          browser,
          "menu-390x844",
          true,
          ".topnav a[href='#/lobby']",
          ".topnav a[href='#/slot']",
          ".topnav a[href='#/history']",
          ".topnav a[href='#/fairness']",
          "#logout-menu");
      for (WebElement link : browser.findElements(By.cssSelector(".topnav a"))) {
        assertThat(link.getRect().getHeight()).as(link.getText()).isGreaterThanOrEqualTo(44);
      }
      browser.findElement(By.cssSelector(".topnav a[href='#/slot']")).click();

      // The slot: the reels, the spin button and the balance on the first screen.
      wait.until(d -> d.findElements(By.cssSelector("#reels .sym img")).size() == 15);
      assertThat(browser.findElement(By.id("bet-value")).getText()).isEqualTo("2.00 COIN");
      assertThat(browser.findElement(By.id("bet-line")).getText()).isEqualTo("0.10 COIN per line");
      assertFits(
          browser,
          "slot-390x844",
          true,
          "#spin",
          "#reels .reel[data-reel='0']",
          "#reels .reel[data-reel='4']",
          "#balance",
          "#bet-up",
          "#bet-down");
      spin(browser);
      assertThat(browser.findElement(By.id("last-win")).getText())
          .matches(ScreenMoney.COIN.pattern());
      assertThat(browser.findElement(By.cssSelector("#rounds li")).getText())
          .matches("#1\\s+2\\.00 → \\d[\\d,]*\\.\\d\\d\\s+sealed");
      shoot(browser, "slot-after-spin-390x844");
      phone(browser, 360, 740);
      assertFits(browser, "slot-360x740", true, "#spin", "#reels .reel[data-reel='4']", "#balance");
      phone(browser, 390, 844);

      // A poker table, seated, in a hand, laid out for portrait.
      browser.get(origin + "/#/table/" + table);
      wait.until(d -> d.findElements(By.cssSelector(".sit-here")).size() == 2);
      assertThat(browser.findElement(By.id("pt-info-blinds")).getText())
          .isEqualTo("0.05 / 0.10 COIN");
      sitDown(browser, 0);
      bot = seatBot(table, 1);
      wait.until(d -> d.findElement(By.id("pt-hand")).getText().startsWith("Hand #"));
      WsClient b = bot;
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                botActs(b, table, 1);
                return browser.findElement(By.id("pt-actions")).isDisplayed();
              });
      assertThat(browser.findElement(By.cssSelector(".seat.you .seat-stack")).getText())
          .matches("(◉ )?\\d[\\d,]*\\.\\d\\d COIN");
      assertThat(browser.findElement(By.id("pt-my-stack")).getText())
          .matches(ScreenMoney.COIN.pattern());
      assertFits(browser, "table-in-hand-390x844", false, ".felt", "#pt-actions");
      assertSeatsApart(browser);
      assertOwnSeatInViewWithTheActions(browser, "table-actions-390x844");
      phone(browser, 360, 740);
      assertFits(browser, "table-in-hand-360x740", false, ".felt", "#pt-actions");
      assertSeatsApart(browser);
      assertOwnSeatInViewWithTheActions(browser, "table-actions-360x740");
      phone(browser, 390, 844);

      // A full-ring table (9 seats) with five players and four free seats, seen by a spectator.
      UUID ring = openTable("Ring", NINE_MAX, TableOptions.DEFAULTS);
      List<WsClient> ringBots = new ArrayList<>();
      try {
        for (int seat = 0; seat < 9; seat += 2) {
          ringBots.add(seatBot(ring, seat));
        }
        browser.get(origin + "/#/table/" + ring);
        wait.until(d -> d.findElements(By.cssSelector(".sit-here")).size() == 4);
        wait.until(d -> d.findElements(By.cssSelector("#pt-seats .seat-plate")).size() == 5);
        assertFits(browser, "table-nine-390x844", false, ".felt");
        assertSeatsApart(browser);
        phone(browser, 360, 740);
        assertFits(browser, "table-nine-360x740", false, ".felt");
        assertSeatsApart(browser);
        phone(browser, 390, 844);
      } finally {
        ringBots.forEach(WsClient::abort);
      }

      // The verifiers and the history.
      browser.get(origin + "/#/fairness");
      wait.until(d -> d.findElement(By.id("verify-form")).isDisplayed());
      assertFits(browser, "fairness-390x844", false, "#verify-form button[type=submit]");
      browser.get(origin + "/#/poker-fairness");
      wait.until(d -> d.findElement(By.id("pf-hands")).isDisplayed());
      assertFits(browser, "poker-fairness-390x844", false, "#pf-hands");
      browser.get(origin + "/#/history");
      wait.until(d -> !d.findElements(By.cssSelector("#history-list .entry")).isEmpty());
      for (WebElement amount : browser.findElements(By.cssSelector(".entry-amount"))) {
        assertThat(amount.getText()).matches("[+−]\\d{1,3}(,\\d{3})*\\.\\d\\d COIN");
      }
      assertFits(browser, "history-390x844", false, "#history-list .entry");
      phone(browser, 360, 740);
      assertFits(browser, "history-360x740", false, "#history-list .entry");
    } finally {
      if (bot != null) {
        bot.abort();
      }
      browser.quit();
    }
  }

  // ---- 4 and 5. the player's client seed; the history and a round's verification
  // ------------------

  @Test
  void aChosenClientSeedDealsTheSessionAndItsRoundsVerifyFromTheHistoryAndTheFairnessPage()
      throws IOException {
    ChromeDriver browser = Browser.start();
    try {
      String email = register(browser, "Seed Chooser");
      Waiter wait = new Waiter(browser);
      browser.findElement(By.cssSelector(".topnav a[href='#/slot']")).click();
      wait.until(d -> d.findElements(By.cssSelector("#reels .sym img")).size() == 15);
      WebElement seed = browser.findElement(By.id("client-seed-input"));
      // The browser proposes a random seed; the player types their own instead.
      wait.until(d -> seed.getDomProperty("value").matches("[0-9a-f]{32}"));
      String chosen = "my-own-seed-" + UUID.randomUUID().toString().substring(0, 8);
      seed.clear();
      seed.sendKeys(chosen);
      shoot(browser, "seed-chosen");

      spin(browser);
      // Fixed once the first round is played; shown beside the commitment.
      assertThat(seed.getDomProperty("readOnly")).isEqualTo("true");
      assertThat(seed.getDomProperty("value")).isEqualTo(chosen);
      assertThat(browser.findElement(By.id("commitment")).getText()).matches("[0-9a-f]{64}");
      String session =
          String.valueOf(
              stack
                  .query(
                      "select session_id from game.rounds r join identity.users u on u.user_id ="
                          + " r.user_id where u.email = ?",
                      email)
                  .get(0)
                  .get(0));
      // Twenty-five more rounds at once: the history then has more than one page.
      if (browser.findElement(By.cssSelector(".auto")).isDisplayed()) {
        browser.findElement(By.id("auto-toggle")).click();
        js(browser)
            .executeScript(
                "arguments[0].value = '25'; arguments[0].dispatchEvent(new Event('change'))",
                browser.findElement(By.id("auto-count")));
      }
      spin(browser);
      wait.until(d -> d.findElement(By.id("round-no")).getText().equals("26"));
      assertThat(
              stack.query(
                  "select distinct client_seed from game.rounds where session_id = ?::uuid",
                  session))
          .containsExactly(List.of(chosen));
      shoot(browser, "seed-fixed");

      browser.findElement(By.id("close-session")).click();
      wait.until(d -> d.findElement(By.id("server-seed")).getText().matches("[0-9a-f]{64}"));
      wait.until(d -> d.findElements(By.cssSelector("#rounds .badge.ok")).size() == 26);
      assertThat(browser.findElements(By.cssSelector("#rounds .badge.bad"))).isEmpty();
      // A new session, a new seed proposed, editable again.
      assertThat(seed.getDomProperty("readOnly")).isEqualTo("false");
      assertThat(seed.getDomProperty("value")).isNotEqualTo(chosen);

      // The fairness page verifies a round with the chosen seed: stops, symbols and every win.
      browser.findElement(By.cssSelector(".topnav a[href='#/fairness']")).click();
      WebElement form = browser.findElement(By.id("verify-form"));
      wait.until(
          d -> form.findElement(By.name("serverSeed")).getDomProperty("value").length() == 64);
      assertThat(form.findElement(By.name("clientSeed")).getDomProperty("value")).isEqualTo(chosen);
      form.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(d -> d.findElements(By.cssSelector("#verify-result .check")).size() >= 6);
      assertThat(browser.findElements(By.cssSelector("#verify-result .badge.bad"))).isEmpty();
      assertThat(browser.findElement(By.id("verify-result")).getText())
          .contains("Every win", "Total win", "Jackpot");
      shoot(browser, "fairness-verified");

      // The history: the ledger's entries, newest first, 20 to a page.
      browser.findElement(By.cssSelector(".topnav a[href='#/history']")).click();
      wait.until(d -> d.findElements(By.cssSelector("#history-list .entry")).size() == 20);
      shoot(browser, "history-page-1");
      int pages = 1;
      while (browser.findElement(By.id("history-more")).isDisplayed()) {
        int shown = browser.findElements(By.cssSelector("#history-list .entry")).size();
        browser.findElement(By.id("history-more")).click();
        wait.until(d -> d.findElements(By.cssSelector("#history-list .entry")).size() > shown);
        wait.until(d -> d.findElement(By.id("history-more")).isEnabled());
        pages++;
      }
      assertThat(pages).isGreaterThanOrEqualTo(2);
      List<WebElement> entries = browser.findElements(By.cssSelector("#history-list .entry"));
      long ledger =
          stack.count(
              "select count(*) from wallet.entry e join wallet.account a on a.id = e.account_id"
                  + " where a.owner_id = (select user_id from identity.users where email = ?)",
              email);
      assertThat((long) entries.size()).isEqualTo(ledger);
      assertThat(entries.get(entries.size() - 1).getDomAttribute("data-kind")).isEqualTo("GRANT");
      assertThat(entries.get(entries.size() - 1).getText()).contains("+1,000.00 COIN");
      // The newest entry's balance is the one in the top bar.
      long top = ScreenMoney.minor(browser.findElement(By.id("balance")).getText());
      assertThat(
              ScreenMoney.minor(
                  entries.get(0).findElement(By.cssSelector(".entry-balance")).getText()))
          .isEqualTo(top);
      assertThat(browser.findElement(By.id("history-more")).isDisplayed()).isFalse();

      // A winning round's entry links to its recall, checked by the server and again in the
      // browser, wins included (the recalled outcome comes back from the database with its keys in
      // another order).
      WebElement won =
          entries.stream()
              .filter(e -> "BET_AND_WIN".equals(e.getDomAttribute("data-kind")))
              .filter(e -> e.findElement(By.cssSelector(".entry-amount")).getText().startsWith("+"))
              .findFirst()
              .orElseThrow();
      String wonRound =
          won.findElement(By.cssSelector(".entry-what strong")).getText().replaceAll(".*#", "");
      WebElement link = won.findElement(By.cssSelector(".round-link"));
      js(browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", link);
      link.click();
      wait.until(d -> d.findElements(By.cssSelector("#round-checks .check")).size() >= 3);
      wait.until(d -> d.findElements(By.cssSelector("#round-verify .check")).size() >= 6);
      assertThat(browser.findElement(By.id("round-title")).getText())
          .isEqualTo("Round #" + wonRound);
      assertThat(browser.findElement(By.id("round-verify")).getText()).contains("Every win");
      assertThat(browser.findElements(By.cssSelector("#round-checks .badge.bad"))).isEmpty();
      assertThat(browser.findElements(By.cssSelector("#round-verify .badge.bad"))).isEmpty();
      assertThat(browser.findElement(By.id("round-facts")).getText()).contains(chosen);
      assertThat(browser.findElements(By.cssSelector("#round-grid .sym img"))).hasSize(15);
      shoot(browser, "round-recall");
      phone(browser, 390, 844);
      assertFits(browser, "round-recall-390x844", false, "#round-verify", "#round-checks");
    } finally {
      browser.quit();
    }
  }

  // ---- 6. a poker hand, re-dealt from the revealed seed
  // ------------------------------------------

  @Test
  void aPokerHandIsReDealtFromTheTablesRevealedSeedAndChecked() throws IOException {
    // One hand per seed epoch: the seed is revealed as soon as the hand is over.
    UUID table = openTable("Verify", TableOptions.DEFAULTS.withHandsPerRun(1));
    ChromeDriver browser = Browser.start();
    WsClient bot = null;
    try {
      register(browser, "Hand Checker");
      Waiter wait = new Waiter(browser);
      browser.get(origin + "/#/table/" + table);
      wait.until(d -> d.findElements(By.cssSelector(".sit-here")).size() == 2);
      sitDown(browser, 0);
      bot = seatBot(table, 1);
      wait.until(d -> d.findElement(By.id("pt-hand")).getText().startsWith("Hand #1"));
      wait.until(
          d ->
              d.findElements(By.cssSelector(".seat.you .seat-cards .card[data-card]")).size() == 2);
      List<String> myCards = new ArrayList<>();
      for (WebElement c :
          browser.findElements(By.cssSelector(".seat.you .seat-cards .card[data-card]"))) {
        myCards.add(c.getDomAttribute("data-card"));
      }
      // The player sits out after this hand, so the table deals no other.
      browser.findElement(By.id("pt-sitout")).click();
      WsClient b = bot;
      await("hand 1 ends")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                botActs(b, table, 1);
                if (browser.findElement(By.id("pt-actions")).isDisplayed()
                    && browser.findElement(By.id("pt-fold")).isEnabled()) {
                  WebElement check = browser.findElement(By.id("pt-check"));
                  (check.isDisplayed() ? check : browser.findElement(By.id("pt-call"))).click();
                }
                return !browser.findElements(By.cssSelector("#pt-result[data-hand='1']")).isEmpty()
                    && browser.findElement(By.id("pt-result")).isDisplayed();
              });
      shoot(browser, "poker-hand-over");

      browser.get(origin + "/#/poker-fairness");
      By hand = By.cssSelector(".hand-check[data-hand='" + table + "/1']");
      wait.until(d -> "ok".equals(d.findElement(hand).getDomAttribute("data-state")));
      WebElement checked = browser.findElement(hand);
      assertThat(checked.findElements(By.cssSelector(".badge.bad"))).isEmpty();
      assertThat(checked.getText()).contains("Commitment", "Your cards", "Board");
      assertThat(checked.getText()).contains("re-dealt " + String.join(" ", myCards));
      assertThat(checked.findElements(By.cssSelector(".badge.ok")).size())
          .isGreaterThanOrEqualTo(3);
      shoot(browser, "poker-hand-verified");
      phone(browser, 390, 844);
      assertFits(browser, "poker-hand-verified-390x844", false, "#pf-hands");
    } finally {
      if (bot != null) {
        bot.abort();
      }
      browser.quit();
    }
  }

  // ---- helpers
  // -----------------------------------------------------------------------------------

  private static UUID openTable(String name) {
    return openTable(name, TableOptions.DEFAULTS);
  }

  private static UUID openTable(String name, TableOptions options) {
    return openTable(name, HEADS_UP, options);
  }

  private static UUID openTable(String name, TableConfig config, TableOptions options) {
    UUID table = UUID.randomUUID();
    tables.open(
        table,
        name + " " + table.toString().substring(0, 4),
        config,
        options.withActionTimeout(Duration.ofSeconds(90)).withHandPause(Duration.ofMillis(300)));
    return table;
  }

  /** A second player over the protocol, seated and watching. */
  private static WsClient seatBot(UUID table, int seat) {
    WsClient bot = node.connect(node.newPlayer("Bot"));
    JsonNode ack =
        bot.request(
            "table.sit", Map.of("tableId", table.toString(), "seat", seat, "buyIn", BUY_IN));
    assertThat(ack.path("type").asString()).as(ack.toString()).isEqualTo("table.ack");
    bot.request("table.watch", Map.of("tableId", table.toString()));
    return bot;
  }

  /** The bot checks or calls when it is its turn, by its latest view. */
  private static void botActs(WsClient bot, UUID table, int seat) {
    JsonNode latest = null;
    for (JsonNode e : bot.events) {
      if ("table.view".equals(e.path("type").asString())
          && (latest == null
              || e.at("/payload/eventSeq").asLong() > latest.at("/payload/eventSeq").asLong())) {
        latest = e;
      }
    }
    if (latest == null) {
      return;
    }
    JsonNode legal = latest.at("/payload/hand/legal");
    if (legal.isMissingNode() || legal.isNull() || legal.path("seat").asInt() != seat) {
      return;
    }
    String action = legal.path("canCheck").asBoolean() ? "check" : "call";
    bot.request("table.act", Map.of("tableId", table.toString(), "seat", seat, "action", action));
  }

  private static String register(ChromeDriver browser, String displayName) {
    Waiter wait = new Waiter(browser);
    browser.get(origin + "/");
    wait.until(d -> d.findElement(By.id("login-form")).isDisplayed());
    String email = "client-" + UUID.randomUUID() + "@example.com";
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

  private static void spin(ChromeDriver browser) {
    Waiter wait = new Waiter(browser);
    String before = browser.findElement(By.id("round-no")).getText();
    WebElement spin = browser.findElement(By.id("spin"));
    wait.until(d -> spin.isEnabled());
    spin.click();
    wait.until(d -> !d.findElement(By.id("round-no")).getText().equals(before));
    wait.until(d -> spin.isEnabled());
  }

  private static void sitDown(ChromeDriver browser, int seat) {
    Waiter wait = new Waiter(browser);
    browser.findElement(By.cssSelector(".sit-here[data-seat='" + seat + "']")).click();
    wait.until(d -> d.findElement(By.id("pt-buyin")).isDisplayed());
    WebElement amount = browser.findElement(By.id("pt-buyin-amount"));
    amount.clear();
    amount.sendKeys(ScreenMoney.typed(BUY_IN));
    browser.findElement(By.id("pt-buyin-sit")).click();
    wait.until(d -> !d.findElement(By.id("pt-buyin")).isDisplayed());
    wait.until(
        d ->
            d.findElement(By.cssSelector(".seat[data-seat='" + seat + "']"))
                .getDomAttribute("class")
                .contains("you"));
  }

  /** Emulates a phone's screen: its CSS size, two device pixels per CSS pixel, touch. */
  private static void phone(ChromeDriver browser, int width, int height) {
    browser.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
    browser.executeCdpCommand(
        "Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
  }

  /**
   * The page is no wider than the screen, each control named is inside it (and on the first screen
   * without scrolling, when {@code firstScreen}), and every visible button, select and text box is
   * at least 44 px tall (buttons 44 px wide too). Takes a screenshot.
   */
  @SuppressWarnings("unchecked")
  private static void assertFits(
      ChromeDriver browser, String name, boolean firstScreen, String... controls)
      throws IOException {
    Map<String, Object> page =
        (Map<String, Object>)
            js(browser)
                .executeScript(
                    """
                    const w = window.innerWidth, h = window.innerHeight;
                    const visible = (e) => { const r = e.getBoundingClientRect();
                      const s = getComputedStyle(e);
                      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
                    const wide = [...document.querySelectorAll('body *')]
                      .filter((e) => visible(e) && e.getBoundingClientRect().right > w + 1)
                      .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                        + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : ''))
                      .slice(0, 8);
                    const small = [...document.querySelectorAll(
                        'button, select, input:not([type=range]):not([type=checkbox]):not([type=hidden])')]
                      .filter((e) => visible(e) && !e.closest('dialog:not([open])'))
                      .filter((e) => { const r = e.getBoundingClientRect();
                        return r.height < 43.5 || (e.tagName === 'BUTTON' && r.width < 43.5); })
                      .map((e) => (e.id || e.textContent.trim().slice(0, 20) || e.className)
                        + ' ' + Math.round(e.getBoundingClientRect().width) + 'x'
                        + Math.round(e.getBoundingClientRect().height));
                    return {width: w, height: h, scrollWidth: document.documentElement.scrollWidth,
                            wide: wide.join(', '), small: small.join(', ')};
                    """);
    shoot(browser, name);
    long width = ((Number) page.get("width")).longValue();
    assertThat(((Number) page.get("scrollWidth")).longValue())
        .as("%s: the page is wider than the screen; wider elements: %s", name, page.get("wide"))
        .isLessThanOrEqualTo(width);
    assertThat((String) page.get("small")).as("%s: touch targets under 44 px", name).isEmpty();
    long height = ((Number) page.get("height")).longValue();
    for (String selector : controls) {
      WebElement e = browser.findElement(By.cssSelector(selector));
      if (!firstScreen) {
        js(browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
      }
      Map<String, Object> r =
          (Map<String, Object>)
              js(browser)
                  .executeScript(
                      "const r = arguments[0].getBoundingClientRect();"
                          + " return {l: r.left, r: r.right, t: r.top, b: r.bottom};",
                      e);
      double left = ((Number) r.get("l")).doubleValue();
      double right = ((Number) r.get("r")).doubleValue();
      double top = ((Number) r.get("t")).doubleValue();
      double bottom = ((Number) r.get("b")).doubleValue();
      assertThat(left)
          .as("%s: %s starts left of the screen", name, selector)
          .isGreaterThanOrEqualTo(-0.5);
      assertThat(right)
          .as("%s: %s ends right of the screen", name, selector)
          .isLessThanOrEqualTo(width + 0.5);
      if (firstScreen) {
        assertThat(top).as("%s: %s above the screen", name, selector).isGreaterThanOrEqualTo(-0.5);
        assertThat(bottom)
            .as("%s: %s below the first screen", name, selector)
            .isLessThanOrEqualTo(height + 0.5);
      }
    }
    js(browser).executeScript("window.scrollTo(0, 0)");
  }

  /**
   * Nothing of one seat (its plate, its cards, its free-seat button, its bet on the felt) overlaps
   * another seat's or the board.
   */
  @SuppressWarnings("unchecked")
  private static void assertSeatsApart(ChromeDriver browser) {
    List<Map<String, Object>> boxes =
        (List<Map<String, Object>>)
            js(browser)
                .executeScript(
                    """
                    const visible = (e) => getComputedStyle(e).display !== 'none';
                    return [...document.querySelectorAll('#pt-seats .seat-plate, #pt-seats .seat-cards,'
                        + ' #pt-seats .sit-here, #pt-seats .bet-chips, #pt-board .card')]
                      .filter(visible)
                      .map((e) => { const r = e.getBoundingClientRect(); const seat = e.closest('.seat');
                        return {n: (e.id || e.className) + (seat ? ' of seat ' + seat.dataset.seat : ''),
                                seat: seat ? seat.dataset.seat : 'board', l: r.left, r: r.right, t: r.top, b: r.bottom}; });
                    """);
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        Map<String, Object> a = boxes.get(i);
        Map<String, Object> b = boxes.get(j);
        if (String.valueOf(a.get("seat")).equals(String.valueOf(b.get("seat")))) {
          continue; // a seat's own cards rest on its plate
        }
        boolean overlap =
            num(a, "l") < num(b, "r") - 1
                && num(b, "l") < num(a, "r") - 1
                && num(a, "t") < num(b, "b") - 1
                && num(b, "t") < num(a, "b") - 1;
        assertThat(overlap).as("%s overlaps %s", a, b).isFalse();
      }
    }
  }

  /**
   * With the action bar in view, the player's own seat (cards and plate) is on the same screen,
   * neither under the top bar nor under the action bar.
   */
  @SuppressWarnings("unchecked")
  private static void assertOwnSeatInViewWithTheActions(ChromeDriver browser, String name)
      throws IOException {
    js(browser)
        .executeScript("document.getElementById('pt-actions').scrollIntoView({block: 'end'})");
    Map<String, Object> r =
        (Map<String, Object>)
            js(browser)
                .executeScript(
                    """
                    const box = (e) => e.getBoundingClientRect();
                    const seat = box(document.querySelector('.seat.you'));
                    return {seatTop: seat.top, seatBottom: seat.bottom,
                            barBottom: box(document.querySelector('.topbar')).bottom,
                            actionsTop: box(document.getElementById('pt-actions')).top,
                            actionsBottom: box(document.getElementById('pt-actions')).bottom,
                            height: window.innerHeight};
                    """);
    shoot(browser, name);
    assertThat(num(r, "seatTop"))
        .as("%s: own seat under the top bar %s", name, r)
        .isGreaterThanOrEqualTo(num(r, "barBottom"));
    assertThat(num(r, "seatBottom"))
        .as("%s: own seat under the actions %s", name, r)
        .isLessThanOrEqualTo(num(r, "actionsTop"));
    assertThat(num(r, "actionsBottom"))
        .as("%s: actions below the screen %s", name, r)
        .isLessThanOrEqualTo(num(r, "height") + 0.5);
  }

  private static double num(Map<String, Object> box, String key) {
    return ((Number) box.get(key)).doubleValue();
  }

  private static void publish(String topic, String key, String value) {
    java.util.Properties props = new java.util.Properties();
    props.put("bootstrap.servers", stack.kafka.bootstrapServers());
    try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
        new org.apache.kafka.clients.producer.KafkaProducer<>(
            props,
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.StringSerializer())) {
      producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, value));
      producer.flush();
    }
  }

  private static JavascriptExecutor js(ChromeDriver browser) {
    return browser;
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
    Files.write(
        ARTIFACTS.resolve("client-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
