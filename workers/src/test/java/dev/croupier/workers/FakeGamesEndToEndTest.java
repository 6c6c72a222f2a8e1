package dev.croupier.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.client.sessions.GameSessions;
import dev.croupier.client.tables.GameTables;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.Wager;
import dev.croupier.games.api.fake.FakeCoinFlipGame;
import dev.croupier.games.api.fake.FakeHighCardGame;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.table.TableProperties;
import dev.croupier.workflows.session.BetOutcome;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.SessionOptions;
import dev.croupier.workflows.session.SessionSummary;
import dev.croupier.workflows.table.TableStatus;
import dev.croupier.workflows.table.TableView;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A new game of each kind runs end to end without a change outside its own module: the fake coin
 * flip (a round game) and the fake high card (a table game) live in the plugin API's test-jar and
 * reach the workers app only through {@link java.util.ServiceLoader}. The real workers app, on a
 * real Temporal server with the real wallet and database, plays sessions of the one through the
 * session workflow, and opens a table of the other from one entry of {@code
 * croupier.tables.configured} and plays rounds of it through the table workflow, as it does poker.
 */
@ExtendWith({PostgresExtension.class, TemporalServerExtension.class})
class FakeGamesEndToEndTest {

  @Test
  void aFakeRoundGameAndAFakeTableGamePlayThroughTheRealWorkflowsAndLedger(
      PostgresDatabase db, TemporalServer temporal) throws Exception {
    String name = "High card " + UUID.randomUUID().toString().substring(0, 8);
    try (TestWallet wallet = TestWallet.start(db);
        ConfigurableApplicationContext app =
            new SpringApplicationBuilder(WorkersApplication.class)
                .run(
                    "--spring.datasource.url=" + db.url(),
                    "--spring.datasource.username=croupier_game",
                    "--spring.datasource.password=" + db.password(),
                    "--server.port=" + Ports.freePort(),
                    "--management.server.port=0",
                    "--croupier.temporal.target=" + temporal.target(),
                    "--croupier.temporal.task-queue=fake-games-test",
                    "--croupier.wallet.target=" + wallet.target(),
                    "--croupier.wallet.tls.certificate=" + wallet.tls("workers").certificate(),
                    "--croupier.wallet.tls.private-key=" + wallet.tls("workers").privateKey(),
                    "--croupier.wallet.tls.trusted-ca=" + wallet.tls("workers").trustedCa(),
                    "--croupier.seeds.sealing-keys=" + WorkerProcess.SEED_SEALING_KEYS,
                    "--croupier.tables.relay.enabled=false",
                    // The one entry a new table game needs:
                    "--croupier.tables.configured[0].name=" + name,
                    "--croupier.tables.configured[0].game=fake-highcard@1.0.0",
                    "--croupier.tables.configured[0].rules.currency=COIN",
                    "--croupier.tables.configured[0].rules.seats=4",
                    "--croupier.tables.configured[0].rules.ante=10",
                    "--croupier.tables.configured[0].rules.minBuyIn=100",
                    "--croupier.tables.configured[0].rules.maxBuyIn=1000",
                    "--croupier.tables.configured[0].rules.rakeBps=500",
                    "--croupier.tables.configured[0].hand-pause=0s")) {
      GameRegistry games = app.getBean(GameRegistry.class);
      assertThat(games.round(FakeCoinFlipGame.REF)).isInstanceOf(FakeCoinFlipGame.class);
      assertThat(games.table(FakeHighCardGame.REF)).isInstanceOf(FakeHighCardGame.class);

      playCoinFlipSession(app.getBean(GameSessions.class), wallet, db);
      UUID tableId = app.getBean(TableProperties.class).configured().get(0).tableId();
      playHighCardRounds(app.getBean(GameTables.class), wallet, tableId);
    }
  }

  private static void playCoinFlipSession(
      GameSessions sessions, TestWallet wallet, PostgresDatabase db) throws Exception {
    UUID user = UUID.randomUUID();
    wallet.grant(user, 1_000);
    OpenedSession s =
        sessions.open(user, FakeCoinFlipGame.REF, "end-to-end", SessionOptions.DEFAULTS);
    long won = 0;
    for (int i = 1; i <= 20; i++) {
      BetOutcome bet = sessions.placeBet(user, s.sessionId(), "bet-" + i, new Wager(10, "COIN"));
      assertThat(bet.last().round()).isEqualTo(i);
      won += bet.last().totalWin();
    }
    SessionSummary closed = sessions.close(user, s.sessionId());
    assertThat(closed.totals().rounds()).isEqualTo(20);
    assertThat(closed.totals().staked()).isEqualTo(200);
    assertThat(closed.totals().won()).isEqualTo(won);
    assertThat(wallet.balance(user.toString(), AccountType.PLAYER)).isEqualTo(1_000 - 200 + won);
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select count(*), sum(stake), sum(total_win), max(s.game_content_hash)"
                    + " from game.rounds r join game.sessions s using (session_id)"
                    + " where session_id = '"
                    + s.sessionId()
                    + "'")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(20);
      assertThat(rs.getLong(2)).isEqualTo(200);
      assertThat(rs.getLong(3)).isEqualTo(won);
      assertThat(rs.getString(4)).isEqualTo(new FakeCoinFlipGame().descriptor().contentHash());
    }
  }

  private static void playHighCardRounds(GameTables tables, TestWallet wallet, UUID tableId) {
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(() -> tables.status(tableId).commitment() != null);
    assertThat(tables.summary(tableId).game()).isEqualTo("fake-highcard@1.0.0");
    assertThat(tables.summary(tableId).stakes()).isEqualTo("ante 10");
    List<UUID> players = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    for (int seat = 0; seat < players.size(); seat++) {
      wallet.grant(players.get(seat), 1_000);
      tables.sit(tableId, players.get(seat).toString(), "sit-" + seat, seat, 300);
    }
    int request = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (tables.status(tableId).handNumber() < 12) {
      assertThat(System.nanoTime()).as("12 rounds in 3 minutes").isLessThan(deadline);
      TableView v = tables.view(tableId, null);
      @SuppressWarnings("unchecked")
      Map<String, Object> round = (Map<String, Object>) v.game().get("round");
      if (round == null) {
        continue;
      }
      int seat = ((Number) round.get("toAct")).intValue();
      String player = v.seats().get(seat).playerId();
      String move = ++request % 3 == 0 ? "fold" : "stay";
      try {
        tables.act(tableId, player, "move-" + request, seat, Map.of("type", move));
      } catch (dev.croupier.errors.CroupierException raced) {
        // The round moved on between the view and the move: look again.
      }
    }
    TableStatus open = tables.status(tableId);
    assertThat(open.gameContentHash()).isEqualTo(new FakeHighCardGame().descriptor().contentHash());
    long escrow = wallet.balance(tableId.toString(), AccountType.TABLE_ESCROW);
    assertThat(escrow).isEqualTo(open.escrowBalance()).isEqualTo(open.chipsInPlay());
    assertThat(open.totalRake()).isPositive();

    // Leaving folds a running round out of turn and cashes the stack out.
    for (int seat = 0; seat < players.size(); seat++) {
      tables.leave(tableId, players.get(seat).toString(), "leave-" + seat, seat);
    }
    TableStatus closed = tables.close(tableId);
    assertThat(closed.closed()).isTrue();
    assertThat(closed.seated()).isZero();
    assertThat(wallet.balance(tableId.toString(), AccountType.TABLE_ESCROW)).isZero();
    long players0 = 0;
    for (UUID p : players) {
      players0 += wallet.balance(p.toString(), AccountType.PLAYER);
    }
    assertThat(players0 + closed.totalRake()).as("every chip back, but the rake").isEqualTo(3_000);
    assertThat(closed.totalBuyIns()).isEqualTo(900);
    assertThat(closed.totalCashOuts() + closed.totalRake()).isEqualTo(900);
  }
}
