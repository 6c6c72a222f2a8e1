package dev.croupier.workers.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.croupier.activities.game.SeedActivitiesImpl;
import dev.croupier.activities.table.HoleCardSealer;
import dev.croupier.client.CallSettings;
import dev.croupier.client.tables.GameTables;
import dev.croupier.client.testing.PokerTableClient;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.table.SeatStatus;
import dev.croupier.games.poker.Action;
import dev.croupier.games.poker.Cards;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.games.poker.TableView;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.Soak;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workflows.table.TableOptions;
import dev.croupier.workflows.table.TableStatus;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bots play thousands of hands through the table workflow (1,500 in the suite, 10,000 under {@code
 * -Dcroupier.soak=true}, see {@link Soak}): several 3-seat tables in parallel on the in-process
 * test server, with the real wallet (gRPC, PostgreSQL) for every buy-in, cash-out and rake, and the
 * real outbox with sealed hole cards. After every hand the escrow's balance in the wallet equals
 * the workflow's stacks + pot; at the end every table closes and the ledger sums up: escrows empty,
 * players plus house equal what they were granted, and the sealed hole cards open with the
 * compliance private key only.
 *
 * <p>It found a chip-conservation bug once (dead blinds lost when both blinds left before the first
 * action); the engine's scripted tests keep that case.
 */
@ExtendWith(PostgresExtension.class)
// A broken invariant fails the table's workflow task, which Temporal retries forever: end the hang.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class TableSimulationTest {
  private static final Logger log = LoggerFactory.getLogger(TableSimulationTest.class);
  static final String QUEUE = "poker-sim";
  static final int TABLES = Integer.getInteger("poker.sim.tables", 8);
  static final int HANDS = Soak.size("poker.sim.hands", 1_500, 10_000);
  static final long GRANT = 1_000_000;
  // Blinds 5/10, buy-ins 100-1000, 5% rake capped at 30.
  static final TableConfig CONFIG = new TableConfig("COIN", 3, 5, 10, 100, 1_000, 500, 30);

  @Test
  void botsPlayThousandsOfHandsWithChipsConservedAfterEveryHandAndTheLedgerBalanced(
      PostgresDatabase db) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair compliance = generator.generateKeyPair();
    HoleCardSealer sealer = new HoleCardSealer(compliance.getPublic());
    try (TestWallet wallet = TestWallet.start(db);
        HikariDataSource ds = db.dataSource(8);
        TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      // The table workflow tags its table with the game, as the dev server's namespace allows.
      env.registerSearchAttribute("CroupierGameId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      DSLContext dsl = DSL.using(ds, SQLDialect.POSTGRES);
      Worker worker = env.newWorker(QUEUE);
      worker.registerActivitiesImplementations(new SeedActivitiesImpl(new SecureRandom()));
      TableWorker.register(
          worker,
          wallet.stub(),
          Duration.ofSeconds(5),
          dsl,
          sealer,
          "table.events",
          "lobby.tables");
      env.start();
      PokerTableClient tables =
          new PokerTableClient(
              new GameTables(
                  env.getWorkflowClient(),
                  new CallSettings(QUEUE, Duration.ofSeconds(10), Duration.ofSeconds(60))));
      TableOptions options =
          TableOptions.DEFAULTS
              .withHandPause(Duration.ZERO)
              .withActionTimeout(Duration.ofMinutes(10))
              .withHandsPerRun(40);

      List<UUID> tableIds = new ArrayList<>();
      List<String> players = new ArrayList<>();
      for (int t = 0; t < TABLES; t++) {
        UUID tableId = UUID.randomUUID();
        tableIds.add(tableId);
        tables.open(tableId, "sim-" + t, CONFIG, options);
        for (int s = 0; s < 3; s++) {
          UUID player = UUID.randomUUID();
          wallet.grant(player, GRANT);
          players.add(player.toString());
        }
      }
      AtomicLong hands = new AtomicLong();
      AtomicLong checks = new AtomicLong();
      AtomicLong rejected = new AtomicLong();
      Map<String, List<String>> seenHoleCards = new ConcurrentHashMap<>();
      long started = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(TABLES);
      List<Future<?>> runs = new ArrayList<>();
      int perTable = (HANDS + TABLES - 1) / TABLES;
      for (int t = 0; t < TABLES; t++) {
        int table = t;
        runs.add(
            pool.submit(
                () -> {
                  Bots bots =
                      new Bots(
                          tables,
                          wallet,
                          tableIds.get(table),
                          players.subList(table * 3, table * 3 + 3),
                          new Random(table));
                  bots.play(perTable, hands, checks, rejected, seenHoleCards);
                  return null;
                }));
      }
      for (Future<?> f : runs) {
        f.get();
      }
      pool.shutdown();
      double seconds = (System.nanoTime() - started) / 1e9;

      // Everyone leaves, mid-hand (folding out of turn) or between hands; then the tables close.
      for (int t = 0; t < TABLES; t++) {
        for (int s = 0; s < 3; s++) {
          tables.leave(tableIds.get(t), players.get(t * 3 + s), "leave-" + s, s);
        }
      }
      long rake = 0;
      for (UUID id : tableIds) {
        TableStatus closed = tables.close(id);
        assertThat(closed.closed()).isTrue();
        assertThat(closed.escrowBalance()).isZero();
        assertThat(TableAudit.escrowInWallet(wallet, id)).isZero();
        rake += closed.totalRake();
      }
      Audit audit = new Audit(db);
      long playerTotal =
          audit.sum(
              "select coalesce(sum(b.balance),0) from wallet.balance b join wallet.account a on a.id = b.account_id where a.type = 'PLAYER'");
      long escrowTotal =
          audit.sum(
              "select coalesce(sum(b.balance),0) from wallet.balance b join wallet.account a on a.id = b.account_id where a.type = 'TABLE_ESCROW'");
      long rakePosted =
          audit.sum(
              "select coalesce(sum(e.amount),0) from wallet.entry e join wallet.transaction t on t.id = e.transaction_id join wallet.account a on a.id = e.account_id where t.kind = 'RAKE' and a.type = 'HOUSE'");
      long unbalanced =
          audit.sum(
              "select count(*) from (select transaction_id from wallet.entry group by transaction_id having sum(amount) <> 0) x");
      long rakeKeys = audit.sum("select count(*) from wallet.transaction where kind = 'RAKE'");
      long rakeKeysDistinct =
          audit.sum(
              "select count(distinct idempotency_key) from wallet.transaction where kind = 'RAKE'");

      // Compliance can open every sealed deal; the records never carry a card in the clear.
      ObjectMapper json = new ObjectMapper();
      long sealed = 0;
      long matchedViews = 0;
      try (Connection c = ds.getConnection();
          Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery(
                  "select table_id, hand_number, payload from game.table_event_outbox"
                      + " where type = 'holeCardsSealed'")) {
        while (rs.next()) {
          var node = json.readTree(rs.getString(3));
          HoleCardSealer.Sealed s =
              json.treeToValue(node.get("sealed"), HoleCardSealer.Sealed.class);
          String aad =
              rs.getString(1)
                  + "/"
                  + rs.getLong(2)
                  + "/"
                  + node.get("seat").asInt()
                  + "/"
                  + node.get("playerId").asText();
          List<String> cards =
              List.of(
                  json.readValue(
                      HoleCardSealer.open(compliance.getPrivate(), s, aad), String[].class));
          assertThat(cards)
              .hasSize(2)
              .allSatisfy(card -> assertThat(Cards.id(card)).isBetween(0, 51));
          for (String card : cards) {
            assertThat(rs.getString(3)).doesNotContain("\"" + card + "\"");
          }
          List<String> seen = seenHoleCards.get(aad);
          if (seen != null) {
            assertThat(cards).isEqualTo(seen);
            matchedViews++;
          }
          sealed++;
        }
      }
      long outboxRows = audit.sum("select count(*) from game.table_event_outbox");
      log.info(
          "POKER SIMULATION: tables={} hands={} in {} s ({} hands/s) conservation checks={}"
              + " rejected bot requests={} rake={} rake posted={} players={} escrows={}"
              + " unbalanced transactions={} outbox rows={} sealed deals opened={} matched views={}",
          TABLES,
          hands.get(),
          String.format("%.1f", seconds),
          String.format("%.1f", hands.get() / seconds),
          checks.get(),
          rejected.get(),
          rake,
          rakePosted,
          playerTotal,
          escrowTotal,
          unbalanced,
          outboxRows,
          sealed,
          matchedViews);
      assertThat(hands.get()).isGreaterThanOrEqualTo(HANDS);
      assertThat(checks.get()).isEqualTo(hands.get());
      assertThat(escrowTotal).isZero();
      assertThat(playerTotal + rake).isEqualTo(GRANT * players.size());
      assertThat(rakePosted).isEqualTo(rake);
      assertThat(rake).isPositive();
      assertThat(unbalanced).isZero();
      assertThat(rakeKeys).isEqualTo(rakeKeysDistinct);
      assertThat(sealed).isPositive();
      assertThat(matchedViews).isPositive();
    }
  }

  /** Three bots at one table: mostly check and call, sometimes fold, bet, raise or go all-in. */
  static final class Bots {
    private final PokerTableClient tables;
    private final TestWallet wallet;
    private final UUID tableId;
    private final List<String> players;
    private final Random random;
    private int requests;

    Bots(
        PokerTableClient tables,
        TestWallet wallet,
        UUID tableId,
        List<String> players,
        Random random) {
      this.tables = tables;
      this.wallet = wallet;
      this.tableId = tableId;
      this.players = players;
      this.random = random;
    }

    void play(
        int target,
        AtomicLong hands,
        AtomicLong checks,
        AtomicLong rejected,
        Map<String, List<String>> seen) {
      for (int s = 0; s < 3; s++) {
        tables.sit(tableId, players.get(s), id(), s, 200 + random.nextInt(801));
      }
      int done = 0;
      while (done < target) {
        TableView v = tables.view(tableId, null);
        if (v.hand() == null) {
          rebuy(v);
          continue;
        }
        long hand = v.hand().number();
        int seat = v.hand().toAct();
        String player = v.seats().get(seat).playerId();
        if (random.nextInt(50) == 0) {
          TableView mine = tables.view(tableId, player);
          seen.put(
              tableId + "/" + hand + "/" + seat + "/" + player,
              mine.hand().players().stream()
                  .filter(p -> p.seat() == seat)
                  .findFirst()
                  .orElseThrow()
                  .holeCards());
        }
        long streetBet =
            v.hand().players().stream()
                .filter(p -> p.seat() == seat)
                .findFirst()
                .orElseThrow()
                .streetBet();
        boolean canCheck = streetBet == v.hand().currentBet();
        Action fallback = canCheck ? new Action.Check() : new Action.Call();
        Action action = choose(canCheck, v.hand().currentBet());
        var ack = act(seat, player, action, fallback, rejected);
        if (ack == null) {
          continue;
        }
        if (ack.handNumber() != hand || !ack.handRunning()) {
          done++;
          hands.incrementAndGet();
          TableStatus status = tables.status(tableId);
          long inWallet = TableAudit.escrowInWallet(wallet, tableId);
          assertThat(inWallet).isEqualTo(status.escrowBalance());
          assertThat(status.chipsInPlay()).isEqualTo(inWallet);
          assertThat(status.totalBuyIns() - status.totalCashOuts() - status.totalRake())
              .isEqualTo(inWallet);
          checks.incrementAndGet();
        }
      }
    }

    private dev.croupier.workflows.table.TableAck act(
        int seat, String player, Action action, Action fallback, AtomicLong rejected) {
      try {
        return tables.act(tableId, player, id(), seat, action);
      } catch (CroupierException e) {
        if (e.code() == ErrorCode.NOT_YOUR_TURN) {
          return null;
        }
        rejected.incrementAndGet();
        return tables.act(tableId, player, id(), seat, fallback);
      }
    }

    private Action choose(boolean canCheck, long currentBet) {
      int r = random.nextInt(100);
      if (canCheck) {
        if (r < 15) {
          return currentBet == 0
              ? new Action.Bet(10 + 10L * random.nextInt(5))
              : new Action.Raise(currentBet * 2);
        }
        if (r < 18) {
          return new Action.AllIn();
        }
        return new Action.Check();
      }
      if (r < 25) {
        return new Action.Fold();
      }
      if (r < 33) {
        return new Action.Raise(currentBet * 2 + random.nextInt(3) * 10L);
      }
      if (r < 37) {
        return new Action.AllIn();
      }
      return new Action.Call();
    }

    /** Busted players leave and buy in again at their seat; others sitting out sit back in. */
    private void rebuy(TableView v) {
      for (TableView.SeatView s : v.seats()) {
        String player = players.get(s.index());
        if (s.status() == SeatStatus.SITTING_OUT && s.stack() == 0) {
          tables.leave(tableId, player, id(), s.index());
          tables.sit(tableId, player, id(), s.index(), 200 + random.nextInt(801));
        } else if (s.status() == SeatStatus.SITTING_OUT) {
          tables.sitIn(tableId, player, id(), s.index());
        } else if (s.status() == SeatStatus.EMPTY) {
          tables.sit(tableId, player, id(), s.index(), 200 + random.nextInt(801));
        }
      }
    }

    private String id() {
      return tableId + "-r" + (++requests);
    }
  }

  /** SQL over the wallet schema. */
  record Audit(PostgresDatabase db) {
    long sum(String sql) throws Exception {
      try (Connection c = java.sql.DriverManager.getConnection(db.url(), db.user(), db.password());
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
