package dev.croupier.workers.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.api.Wager;
import dev.croupier.testsupport.Browser;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.InProcessWorker;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.SessionOptions;
import dev.croupier.workflows.session.SessionStart;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Ops answer "what happened in this player's session?" with nothing but the Temporal Web UI and a
 * user id: find the sessions by CroupierUserId, open one, and read its bets (Updates) and ledger
 * posts (local activities) in the history.
 */
@ExtendWith({PostgresExtension.class, TemporalServerExtension.class})
class SessionHistoryInWebUiTest {
  static final Path ARTIFACTS = Path.of("target/artifacts");

  @Test
  void opsFindAPlayersSessionByUserIdAndSeeItsBetsAndLedgerPosts(
      PostgresDatabase db, TemporalServer temporal) throws Exception {
    TemporalServerExtension.requireDevServer(temporal, "its Web UI");
    try (TestWallet wallet = TestWallet.start(db);
        InProcessWorker worker = new InProcessWorker(temporal, wallet, db, "web-ui")) {
      UUID user = UUID.randomUUID();
      wallet.grant(user, SessionLoad.GRANT);
      OpenedSession s =
          worker.sessions.open(user, SessionLoad.SLOT, "ops-demo", SessionOptions.DEFAULTS);
      for (int i = 1; i <= 3; i++) {
        worker.sessions.placeBet(user, s.sessionId(), "bet-" + i, new Wager(100, Wager.COIN));
      }
      String workflowId = SessionStart.workflowId(s.sessionId());
      String namespace = temporal.settings().namespace();

      ChromeDriver browser = Browser.start();
      try {
        String query = URLEncoder.encode("CroupierUserId=\"" + user + "\"", StandardCharsets.UTF_8);
        browser.get(
            temporal.webUi().orElseThrow()
                + "/namespaces/"
                + namespace
                + "/workflows?query="
                + query);
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(() -> !browser.findElements(By.partialLinkText(workflowId)).isEmpty());
        browser.findElements(By.partialLinkText(workflowId)).get(0).click();
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(
                () -> {
                  String page = browser.findElement(By.tagName("body")).getText();
                  return page.contains("placeBet") && page.contains("Ledger.PostRound");
                });
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).contains(workflowId, "placeBet", "Ledger.PostRound", "Game.PlayRound");
        // A tall window, scrolled to the event history, so the screenshot shows the bets and posts.
        browser.manage().window().setSize(new Dimension(1440, 2600));
        browser.executeScript(
            "arguments[0].scrollIntoView()",
            browser.findElement(By.xpath("//*[contains(text(),'Event History')]")));
        Files.createDirectories(ARTIFACTS);
        Files.copy(
            browser.getScreenshotAs(OutputType.FILE).toPath(),
            ARTIFACTS.resolve("session-history-web-ui.png"),
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        browser.quit();
      }
    }
  }
}
