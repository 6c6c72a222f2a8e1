package dev.croupier.workers.recall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.Wager;
import dev.croupier.gamestore.recall.RoundRecords;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.InProcessWorker;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.SessionOptions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Game recall rebuilds rounds from the projection, the history (across continue-as-new runs) and
 * the ledger, checks them against each other and the revealed seed, and catches a tampered row.
 */
@ExtendWith({PostgresExtension.class, TemporalServerExtension.class})
class GameRecallTest {
  static final GameRef SLOT = new GameRef("slot-classic", "1.0.0");

  @Test
  void everyRoundIsRebuiltAndCheckedAndATamperedProjectionRowIsCaught(
      PostgresDatabase db, TemporalServer temporal) throws Exception {
    try (TestWallet wallet = TestWallet.start(db);
        InProcessWorker worker = new InProcessWorker(temporal, wallet, db, "recall")) {
      GameRecall recall =
          new GameRecall(new RoundRecords(worker.dsl), worker.client, wallet.stub(), worker.games);
      UUID user = UUID.randomUUID();
      wallet.grant(user, 1_000_000);
      OpenedSession s =
          worker.sessions.open(
              user,
              SLOT,
              "recall-seed",
              SessionOptions.DEFAULTS
                  .withIdleTimeout(Duration.ofMinutes(5))
                  .withContinueAsNewEvery(4));
      for (int i = 1; i <= 12; i++) {
        worker.sessions.placeBet(user, s.sessionId(), "r" + i, new Wager(100L * i, Wager.COIN));
      }

      RoundRecall open = recall.round(s.sessionId(), 2);
      assertThat(open.valid()).as("%s", open.checks()).isTrue();
      assertThat(open.revealedServerSeed()).isNull();
      assertThat(open.checks())
          .extracting(RoundRecall.Check::name)
          .contains("history.outcome", "history.ledger", "ledger.balanced", "ledger.amounts");

      worker.sessions.close(user, s.sessionId());
      List<RoundRecall> last = recall.lastGames(user, 10);
      assertThat(last)
          .extracting(RoundRecall::round)
          .containsExactly(12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L);
      assertThat(last).allSatisfy(r -> assertThat(r.valid()).as("%s", r.checks()).isTrue());
      RoundRecall first = recall.round(s.sessionId(), 1);
      assertThat(first.valid()).as("%s", first.checks()).isTrue();
      assertThat(first.checks())
          .extracting(RoundRecall.Check::name)
          .contains("rng.commitment", "rng.replay");
      assertThat(first.ledgerEntries()).isNotEmpty();

      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "update game.rounds set total_win = total_win + 100 where session_id = '"
                + s.sessionId()
                + "' and round = 5");
      }
      RoundRecall tampered = recall.round(s.sessionId(), 5);
      assertThat(tampered.valid()).isFalse();
      assertThat(tampered.checks())
          .filteredOn(c -> !c.passed())
          .extracting(RoundRecall.Check::name)
          .contains("history.outcome", "ledger.amounts", "rng.replay");
    }
  }
}
