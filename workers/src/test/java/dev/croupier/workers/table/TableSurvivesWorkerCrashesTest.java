package dev.croupier.workers.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.croupier.client.CallSettings;
import dev.croupier.client.tables.GameTables;
import dev.croupier.client.testing.PokerTableClient;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.table.SeatStatus;
import dev.croupier.games.poker.Action;
import dev.croupier.games.poker.Cards;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.games.poker.TableView;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workers.TemporalProperties;
import dev.croupier.workers.WorkerProcess;
import dev.croupier.workflows.table.TableAck;
import dev.croupier.workflows.table.TableOptions;
import dev.croupier.workflows.table.TableStart;
import dev.croupier.workflows.table.TableStatus;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash recovery of a poker table: three bots play hands through {@link PokerTableClient} from this
 * JVM while the worker JVM (a separate process, as in production) is killed with SIGKILL in the
 * middle of hands and started again, on a Temporal server that is its own process; the real wallet
 * runs here over PostgreSQL.
 *
 * <p>Kills take turns among three kinds: a quiet kill between two actions of a hand (every player's
 * view and the table's status must be the same before the kill and after the restart); a kill in
 * the middle of an action's workflow task, while it is held in its outbox write (after any ledger
 * post of the step) by a lock the test takes on the outbox table; and a kill a random few
 * milliseconds after an action was sent. Afterwards the outbox must hold every event once, in
 * order, every hand dealt once and played exactly as the bots acted, the sealed hole cards must be
 * the ones the players saw before and after each kill, and every buy-in, cash-out and rake key must
 * be posted exactly once, with the escrow equal to stacks plus pot after every hand.
 */
@ExtendWith(PostgresExtension.class)
// A broken invariant fails the table's workflow task, which Temporal retries forever: end the hang.
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class TableSurvivesWorkerCrashesTest {
  private static final Logger log = LoggerFactory.getLogger(TableSurvivesWorkerCrashesTest.class);
  static final int MIN_HANDS = 40;
  static final int MIN_KILLS = 6;
  static final long GRANT = 100_000;
  // Blinds 5/10, buy-ins 100-1000, 5% rake capped at 30.
  static final TableConfig CONFIG = new TableConfig("COIN", 3, 5, 10, 100, 1_000, 500, 30);
  static final Path HISTORIES = Path.of("target/histories/table");

  /** A betting action the table accepted. */
  record Acted(int seat, Action action) {}

  /** Everything a query shows: the spectator's view, each player's own view, the bookkeeping. */
  record Snapshot(TableView spectator, List<TableView> players, TableStatus status) {}

  private PokerTableClient tables;
  private WorkerProcess worker;
  private TestWallet wallet;
  private UUID tableId;
  private List<String> players;
  private final Random random = new Random(7);
  private final ExecutorService inFlight = Executors.newSingleThreadExecutor();
  private int requests;
  private int kills;
  private int quietKills;
  private int midTaskKills;
  private int randomKills;
  private PostgresDatabase db;
  private int rejected;
  private long conservationChecks;
  private final Map<Integer, List<Long>> buyIns = new HashMap<>();
  private final Map<Long, List<Acted>> acted = new LinkedHashMap<>();
  private final Map<String, List<String>> holeCardsSeen = new HashMap<>();
  private final List<String> killLog = new ArrayList<>();

  @Test
  void handsInterruptedByWorkerKillsContinueWhereTheyWereWithNoChipLostOrDoubled(
      PostgresDatabase db) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair compliance = generator.generateKeyPair();
    KeyPair someoneElse = generator.generateKeyPair();
    long started = System.nanoTime();
    try (TemporalServer temporal = TemporalServerExtension.startServer("table-crash");
        TestWallet testWallet = TestWallet.start(db);
        WorkerProcess workerProcess =
            new WorkerProcess(
                temporal,
                testWallet,
                db,
                Path.of("target/logs/table-crash-worker.log"),
                Map.of(
                    "CROUPIER_TABLES_COMPLIANCE_PUBLIC_KEY",
                    Base64.getEncoder().encodeToString(compliance.getPublic().getEncoded()),
                    // No relay: every outbox row stays for the audit below.
                    "CROUPIER_TABLES_RELAY_ENABLED",
                    "false",
                    "CROUPIER_REALTIME_ENABLED",
                    "false",
                    // Only the table under test.
                    "CROUPIER_TABLES_OPEN",
                    "false"))) {
      wallet = testWallet;
      worker = workerProcess;
      this.db = db;
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              service,
              WorkflowClientOptions.newBuilder()
                  .setNamespace(temporal.settings().namespace())
                  .build());
      // Short workflow tasks, so that a task lost with a killed worker is retried soon.
      tables =
          new PokerTableClient(
              new GameTables(
                  client,
                  new CallSettings(
                      TemporalProperties.DEFAULT_TASK_QUEUE,
                      Duration.ofSeconds(2),
                      Duration.ofSeconds(120))));
      worker.start();
      worker.awaitReady(Duration.ofSeconds(90));

      tableId = UUID.randomUUID();
      // The clock never acts here (10 min); a run is 8 hands, so kills also land near
      // continue-as-new.
      tables.open(
          tableId,
          "crash",
          CONFIG,
          TableOptions.DEFAULTS
              .withHandPause(Duration.ZERO)
              .withActionTimeout(Duration.ofMinutes(10))
              .withHandsPerRun(8));
      players = new ArrayList<>();
      for (int s = 0; s < 3; s++) {
        UUID player = UUID.randomUUID();
        wallet.grant(player, GRANT);
        players.add(player.toString());
        sit(s);
      }

      long hands = play();

      for (int s = 0; s < 3; s++) {
        tables.leave(tableId, players.get(s), id(), s);
      }
      TableStatus closed = tables.close(tableId);
      double seconds = (System.nanoTime() - started) / 1e9;

      // ---- The outbox: every event once, in order; every hand dealt once, played as acted. ----
      TableAudit audit = new TableAudit(db);
      List<TableAudit.OutboxRow> rows = audit.outbox(tableId);
      List<Long> seqs = rows.stream().map(TableAudit.OutboxRow::seq).toList();
      List<Long> expectedSeqs = new ArrayList<>();
      for (long q = 1; q <= closed.eventSeq(); q++) {
        expectedSeqs.add(q);
      }
      assertThat(seqs).isEqualTo(expectedSeqs);
      List<Long> dealt = new ArrayList<>();
      Map<Long, List<JsonNode>> actionsInOutbox = new LinkedHashMap<>();
      Map<String, List<String>> sealedOpened = new HashMap<>();
      Map<Integer, List<Long>> cashOuts = new HashMap<>();
      Map<String, Long> rakeByKey = new HashMap<>();
      String prefix = TableStart.workflowId(tableId);
      long timedOut = 0;
      for (TableAudit.OutboxRow row : rows) {
        JsonNode value = row.value();
        switch (row.type()) {
          case "handStarted" -> dealt.add(value.get("event").get("handNumber").asLong());
          case "actionTaken" -> {
            JsonNode e = value.get("event");
            timedOut += e.get("timedOut").asBoolean() ? 1 : 0;
            actionsInOutbox.computeIfAbsent(row.handNumber(), h -> new ArrayList<>()).add(e);
          }
          case "holeCardsSealed" -> {
            List<String> cards = TableAudit.openHoleCards(compliance.getPrivate(), value);
            assertThat(cards)
                .hasSize(2)
                .allSatisfy(card -> assertThat(Cards.id(card)).isBetween(0, 51));
            for (String card : cards) {
              assertThat(row.payload()).doesNotContain("\"" + card + "\"");
            }
            String at = row.handNumber() + "/" + value.get("seat").asInt();
            assertThat(sealedOpened.put(at, cards)).as("one deal per seat and hand").isNull();
          }
          case "playerLeft" -> {
            JsonNode e = value.get("event");
            if (e.get("cashOut").asLong() > 0) {
              cashOuts
                  .computeIfAbsent(e.get("seat").asInt(), s -> new ArrayList<>())
                  .add(e.get("cashOut").asLong());
            }
          }
          case "handEnded" -> {
            JsonNode e = value.get("event");
            if (e.get("rake").asLong() > 0) {
              rakeByKey.put(
                  prefix + "/hand-" + e.get("handNumber").asLong() + "/rake",
                  e.get("rake").asLong());
            }
          }
          default -> {}
        }
      }
      List<Long> everyHand = new ArrayList<>();
      for (long h = 1; h <= closed.handNumber(); h++) {
        everyHand.add(h);
      }
      assertThat(dealt).as("each hand dealt exactly once").isEqualTo(everyHand);
      assertThat(timedOut).isZero();
      long actionsMatched = 0;
      long lastActed = acted.keySet().stream().mapToLong(h -> h).max().orElseThrow();
      assertThat(actionsInOutbox.keySet()).containsAll(acted.keySet());
      for (Map.Entry<Long, List<JsonNode>> hand : actionsInOutbox.entrySet()) {
        if (!acted.containsKey(hand.getKey())) {
          // Only the hand the final leaves interrupted: they fold out of turn.
          assertThat(hand.getKey()).isGreaterThan(lastActed);
          assertThat(hand.getValue()).allMatch(e -> e.get("kind").asText().equals("FOLD"));
        }
      }
      for (Map.Entry<Long, List<Acted>> hand : acted.entrySet()) {
        List<JsonNode> taken = actionsInOutbox.get(hand.getKey());
        assertThat(taken).as("hand %d", hand.getKey()).hasSameSizeAs(hand.getValue());
        for (int i = 0; i < taken.size(); i++) {
          Acted a = hand.getValue().get(i);
          assertThat(taken.get(i).get("seat").asInt()).isEqualTo(a.seat());
          assertThat(matches(a.action(), taken.get(i)))
              .as("hand %d action %d: %s vs %s", hand.getKey(), i, a, taken.get(i))
              .isTrue();
          actionsMatched++;
        }
      }
      // The cards each player saw, before and after the kills, are the ones dealt and sealed.
      for (Map.Entry<String, List<String>> seen : holeCardsSeen.entrySet()) {
        assertThat(sealedOpened.get(seen.getKey())).as(seen.getKey()).isEqualTo(seen.getValue());
      }
      JsonNode anyDeal =
          rows.stream()
              .filter(r -> r.type().equals("holeCardsSealed"))
              .findFirst()
              .orElseThrow()
              .value();
      assertThatThrownBy(() -> TableAudit.openHoleCards(someoneElse.getPrivate(), anyDeal))
          .isInstanceOf(GeneralSecurityException.class);

      // ---- The ledger: each key posted once, exactly the table's transfers, balanced. ----
      Map<String, Long> expected = new HashMap<>(rakeByKey);
      buyIns.forEach(
          (seat, amounts) -> {
            for (int k = 0; k < amounts.size(); k++) {
              expected.put(prefix + "/seat-" + seat + "/buyin-" + (k + 1), amounts.get(k));
            }
          });
      cashOuts.forEach(
          (seat, amounts) -> {
            for (int k = 0; k < amounts.size(); k++) {
              expected.put(prefix + "/seat-" + seat + "/cashout-" + (k + 1), amounts.get(k));
            }
          });
      List<TableAudit.Posted> posted = audit.tableTransactions(tableId);
      Map<String, Long> postedByKey = new HashMap<>();
      Set<String> kinds = new HashSet<>();
      for (TableAudit.Posted p : posted) {
        assertThat(postedByKey.put(p.key(), p.amount())).as("posted once: " + p.key()).isNull();
        kinds.add(p.kind());
      }
      assertThat(postedByKey).isEqualTo(expected);
      assertThat(kinds).doesNotContain("REVERSAL");
      long buyInTotal = buyIns.values().stream().flatMap(List::stream).mapToLong(x -> x).sum();
      long cashOutTotal = cashOuts.values().stream().flatMap(List::stream).mapToLong(x -> x).sum();
      long rakeTotal = rakeByKey.values().stream().mapToLong(x -> x).sum();
      assertThat(closed.totalBuyIns()).isEqualTo(buyInTotal);
      assertThat(closed.totalCashOuts()).isEqualTo(cashOutTotal);
      assertThat(closed.totalRake()).isEqualTo(rakeTotal);
      assertThat(buyInTotal - cashOutTotal - rakeTotal).isZero();
      assertThat(closed.closed()).isTrue();
      assertThat(closed.escrowBalance()).isZero();
      assertThat(TableAudit.escrowInWallet(wallet, tableId)).isZero();
      long unbalanced = audit.unbalancedTransactions();
      long currenciesOff = audit.currenciesNotSummingToZero();
      long balancesOff = audit.balancesOffTheirEntries();
      long playersAndHouse = audit.balanceOf("PLAYER") + audit.balanceOf("HOUSE");
      assertThat(unbalanced).isZero();
      assertThat(currenciesOff).isZero();
      assertThat(balancesOff).isZero();
      assertThat(playersAndHouse).isEqualTo(GRANT * 3);

      // The table's own count, carried across continue-as-new, matches the ledger's.
      assertThat(closed.ledgerPosts()).isEqualTo(posted.size());

      long lostTasks = saveHistories(client);
      log.info(
          "TABLE CRASH TEST: server={} kills={} (quiet {}, inside a task {}, random delay {})"
              + " hands={} (runs {})"
              + " actions={} matched to the outbox={} rejected bot requests={}"
              + " conservation checks={} outbox rows={} hole cards seen and matched={}"
              + " ledger posts={} (buy-ins {}, cash-outs {}, rake {}; the status counts {})"
              + " reversals=0"
              + " unbalanced transactions={} currencies off={} balances off={}"
              + " workflow tasks lost with a worker={} seconds={}",
          temporal.kind(),
          kills,
          quietKills,
          midTaskKills,
          randomKills,
          hands,
          closed.run(),
          acted.values().stream().mapToInt(List::size).sum(),
          actionsMatched,
          rejected,
          conservationChecks,
          rows.size(),
          holeCardsSeen.size(),
          posted.size(),
          expected.keySet().stream().filter(k -> k.contains("/buyin-")).count(),
          expected.keySet().stream().filter(k -> k.contains("/cashout-")).count(),
          rakeByKey.size(),
          closed.ledgerPosts(),
          unbalanced,
          currenciesOff,
          balancesOff,
          lostTasks,
          String.format("%.1f", seconds));
      for (String k : killLog) {
        log.info("  {}", k);
      }
      assertThat(kills).isGreaterThanOrEqualTo(MIN_KILLS);
      assertThat(hands).isGreaterThanOrEqualTo(MIN_HANDS);
      assertThat(conservationChecks).isEqualTo(hands);
      assertThat(holeCardsSeen).isNotEmpty();
      // A kill inside a task (held in its outbox write) loses that workflow task.
      assertThat(lostTasks).isGreaterThanOrEqualTo(midTaskKills);
      service.shutdownNow();
    } finally {
      inFlight.shutdownNow();
    }
  }

  /** Plays hands until enough are done and enough kills have landed mid-hand; returns hands. */
  private long play() throws Exception {
    long hands = 0;
    long killAtHand = 2;
    int killAfterActions = 1;
    while (hands < MIN_HANDS || kills < MIN_KILLS) {
      TableView v = tables.view(tableId, null);
      if (v.hand() == null) {
        rebuy(v);
        continue;
      }
      long hand = v.hand().number();
      int seat = v.hand().toAct();
      if (seat < 0) {
        continue;
      }
      int actedInHand = acted.getOrDefault(hand, List.of()).size();
      TableAck ack;
      if (kills < MIN_KILLS && hand >= killAtHand && actedInHand >= killAfterActions) {
        ack =
            switch (kills % 3) {
              case 0 -> quietKill(v);
              case 1 -> inFlightKill(v, true);
              default -> inFlightKill(v, false);
            };
        killAtHand = hand + 3 + random.nextInt(4);
        killAfterActions = random.nextInt(4);
      } else {
        ack = act(v);
      }
      if (ack != null && (ack.handNumber() != hand || !ack.handRunning())) {
        hands++;
        checkConservation();
      }
    }
    return hands;
  }

  /**
   * Kills the worker between two actions of a hand: after the restart, the table (replayed from its
   * history by a new worker) must show every player exactly what it showed before.
   */
  private TableAck quietKill(TableView v) throws Exception {
    Snapshot before = snapshot();
    worker.kill();
    kills++;
    quietKills++;
    worker.start();
    worker.awaitReady(Duration.ofSeconds(90));
    Snapshot after = snapshotOnceAnswered();
    assertThat(after).isEqualTo(before);
    remember(before);
    remember(after);
    killLog.add(
        "kill %d (quiet): hand %d after %d actions, street %s, pot %d; identical after restart"
            .formatted(
                kills,
                v.hand().number(),
                acted.getOrDefault(v.hand().number(), List.of()).size(),
                v.hand().street(),
                v.hand().pot()));
    return act(tables.view(tableId, null));
  }

  /**
   * Kills the worker while an action (a check or call, always legal) is in flight: either inside
   * the action's workflow task, held in its outbox write (a local activity that runs after any
   * ledger post of the step) by a lock this test takes on the outbox table, so that the kill lands
   * there every time; or a random few milliseconds after sending it. The facade retries with the
   * same update id, and the action lands exactly once.
   */
  private TableAck inFlightKill(TableView v, boolean insideTask) throws Exception {
    Snapshot before = snapshot();
    long hand = v.hand().number();
    int seat = v.hand().toAct();
    Action action = canCheck(v, seat) ? new Action.Check() : new Action.Call();
    String player = v.seats().get(seat).playerId();
    String requestId = id();
    Connection outboxLock = null;
    if (insideTask) {
      outboxLock = db.connect();
      outboxLock.setAutoCommit(false);
      try (Statement st = outboxLock.createStatement()) {
        st.execute("lock table game.table_event_outbox in exclusive mode");
      }
    }
    Future<TableAck> sent =
        inFlight.submit(() -> tables.act(tableId, player, requestId, seat, action));
    boolean heldInOutboxWrite = false;
    if (insideTask) {
      heldInOutboxWrite = awaitBlockedOutboxWrite(sent);
      midTaskKills++;
    } else {
      Thread.sleep(random.nextInt(25));
      randomKills++;
    }
    boolean answeredBeforeKill = sent.isDone();
    worker.kill();
    kills++;
    if (outboxLock != null) {
      outboxLock.rollback();
      outboxLock.close();
      assertThat(heldInOutboxWrite).as("the task was held in its outbox write").isTrue();
      assertThat(answeredBeforeKill).isFalse();
    }
    worker.start();
    TableAck ack = sent.get(150, TimeUnit.SECONDS);
    acted.computeIfAbsent(hand, h -> new ArrayList<>()).add(new Acted(seat, action));
    worker.awaitReady(Duration.ofSeconds(90));
    Snapshot after = snapshotOnceAnswered();
    remember(before);
    remember(after);
    // One action more, nothing else: the same hand goes on with the same cards.
    assertThat(after.status().handNumber()).isIn(hand, hand + 1);
    assertThat(after.status().eventSeq()).isGreaterThan(before.status().eventSeq());
    assertThat(ack.eventSeq()).isGreaterThan(before.status().eventSeq());
    if (ack.handNumber() == hand && ack.handRunning()) {
      assertThat(after.status().handNumber()).isEqualTo(hand);
      List<String> boardBefore = board(before);
      assertThat(after.spectator().hand().board().subList(0, boardBefore.size()))
          .isEqualTo(boardBefore);
      for (int s = 0; s < 3; s++) {
        assertThat(holeCards(after.players().get(s))).isEqualTo(holeCards(before.players().get(s)));
      }
    }
    killLog.add(
        "kill %d (%s): hand %d, seat %d %s %s, %s before the kill; %s"
            .formatted(
                kills,
                insideTask ? "inside the task" : "random delay",
                hand,
                seat,
                action.getClass().getSimpleName().toLowerCase(),
                heldInOutboxWrite ? "held in its outbox write" : "sent",
                answeredBeforeKill ? "answered" : "unanswered",
                ack.handRunning() && ack.handNumber() == hand
                    ? "the hand went on"
                    : "that action ended the hand"));
    return ack;
  }

  /**
   * Waits until a worker's outbox insert waits for the lock this test holds (the in-flight action's
   * workflow task is then inside its outbox write); false if the action was answered.
   */
  private boolean awaitBlockedOutboxWrite(Future<?> sent) throws Exception {
    AtomicBoolean blocked = new AtomicBoolean();
    try (Connection c = db.connect();
        PreparedStatement st =
            c.prepareStatement(
                "select count(*) from pg_stat_activity where datname = current_database()"
                    + " and wait_event_type = 'Lock' and query ilike 'insert%'"
                    + " and query ilike '%table_event_outbox%'")) {
      await("the action's task waits on the locked outbox")
          .atMost(Duration.ofSeconds(20))
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(2))
          .until(
              () -> {
                try (ResultSet rs = st.executeQuery()) {
                  rs.next();
                  blocked.set(rs.getLong(1) > 0);
                }
                return blocked.get() || sent.isDone();
              });
    }
    return blocked.get();
  }

  private TableAck act(TableView v) {
    long hand = v.hand().number();
    int seat = v.hand().toAct();
    String player = v.seats().get(seat).playerId();
    boolean canCheck = canCheck(v, seat);
    Action fallback = canCheck ? new Action.Check() : new Action.Call();
    Action action = choose(canCheck, v.hand().currentBet());
    TableAck ack;
    try {
      ack = tables.act(tableId, player, id(), seat, action);
    } catch (CroupierException e) {
      if (e.code() == ErrorCode.NOT_YOUR_TURN) {
        return null;
      }
      rejected++;
      action = fallback;
      ack = tables.act(tableId, player, id(), seat, fallback);
    }
    acted.computeIfAbsent(hand, h -> new ArrayList<>()).add(new Acted(seat, action));
    return ack;
  }

  private void checkConservation() {
    TableStatus status = tables.status(tableId);
    long inWallet = TableAudit.escrowInWallet(wallet, tableId);
    assertThat(inWallet).isEqualTo(status.escrowBalance());
    assertThat(status.chipsInPlay()).isEqualTo(inWallet);
    assertThat(status.totalBuyIns() - status.totalCashOuts() - status.totalRake())
        .isEqualTo(inWallet);
    conservationChecks++;
  }

  private Snapshot snapshot() {
    List<TableView> views = new ArrayList<>();
    for (String p : players) {
      views.add(tables.view(tableId, p));
    }
    return new Snapshot(tables.view(tableId, null), views, tables.status(tableId));
  }

  /** A snapshot as soon as a worker answers queries again. */
  private Snapshot snapshotOnceAnswered() {
    return await("a worker answers queries again")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptionsInstanceOf(CroupierException.class)
        .until(this::snapshot, Objects::nonNull);
  }

  private void remember(Snapshot s) {
    for (TableView view : s.players()) {
      if (view.hand() == null) {
        continue;
      }
      List<String> cards = holeCards(view);
      if (!cards.isEmpty()) {
        String at = view.hand().number() + "/" + view.viewerSeat();
        List<String> earlier = holeCardsSeen.putIfAbsent(at, cards);
        assertThat(earlier == null ? cards : earlier).as(at).isEqualTo(cards);
      }
    }
  }

  private static List<String> holeCards(TableView view) {
    if (view.hand() == null) {
      return List.of();
    }
    return view.hand().players().stream()
        .filter(p -> p.seat() == view.viewerSeat())
        .findFirst()
        .map(TableView.PlayerView::holeCards)
        .orElse(List.of());
  }

  private static List<String> board(Snapshot s) {
    return s.spectator().hand() == null ? List.of() : s.spectator().hand().board();
  }

  private static boolean canCheck(TableView v, int seat) {
    long streetBet =
        v.hand().players().stream()
            .filter(p -> p.seat() == seat)
            .findFirst()
            .orElseThrow()
            .streetBet();
    return streetBet == v.hand().currentBet();
  }

  /** Whether an {@code actionTaken} event records {@code action}. */
  private static boolean matches(Action action, JsonNode event) {
    String kind = event.get("kind").asText();
    boolean allIn = event.get("allIn").asBoolean();
    return switch (action) {
      case Action.Fold f -> kind.equals("FOLD");
      case Action.Check c -> kind.equals("CHECK");
      case Action.Call c -> kind.equals("CALL");
      case Action.Bet b -> kind.equals("BET");
      case Action.Raise r -> kind.equals("RAISE");
      case Action.AllIn a -> allIn;
      default -> false;
    };
  }

  /** Mostly check and call, sometimes fold, bet, raise or go all-in. */
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

  /** Busted players leave and buy in again; others sitting out sit back in. */
  private void rebuy(TableView v) {
    for (TableView.SeatView s : v.seats()) {
      if (s.status() == SeatStatus.SITTING_OUT && s.stack() == 0) {
        tables.leave(tableId, players.get(s.index()), id(), s.index());
        sit(s.index());
      } else if (s.status() == SeatStatus.SITTING_OUT) {
        tables.sitIn(tableId, players.get(s.index()), id(), s.index());
      } else if (s.status() == SeatStatus.EMPTY) {
        sit(s.index());
      }
    }
  }

  private void sit(int seat) {
    // Short stacks, so that players bust and buy in again under new keys.
    long amount = 100 + random.nextInt(201);
    tables.sit(tableId, players.get(seat), id(), seat, amount);
    buyIns.computeIfAbsent(seat, s -> new ArrayList<>()).add(amount);
  }

  private String id() {
    return tableId + "-r" + (++requests);
  }

  /**
   * Saves the table's histories for the replay test: a run in which a worker kill lost a workflow
   * task, and the last run (the close). Returns how many workflow tasks were lost over all runs.
   * Copy them to workflow-client/src/test/resources/histories/table to re-capture
   * (workflows/README.md).
   */
  private long saveHistories(WorkflowClient client) throws Exception {
    Files.createDirectories(HISTORIES);
    String workflowId = TableStart.workflowId(tableId);
    WorkflowExecutionHistory history = client.fetchHistory(workflowId);
    Files.writeString(HISTORIES.resolve("table-closed.json"), history.toJson(true));
    long lost = 0;
    boolean savedInterrupted = false;
    while (history != null) {
      long here =
          history.getEvents().stream()
              .map(HistoryEvent::getEventType)
              .filter(
                  t ->
                      t == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT
                          || t == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
              .count();
      lost += here;
      boolean updates =
          history.getEvents().stream()
              .anyMatch(
                  e ->
                      e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
      if (here > 0 && updates && !savedInterrupted) {
        Files.writeString(HISTORIES.resolve("table-crash-interrupted.json"), history.toJson(true));
        savedInterrupted = true;
      }
      String previous =
          history
              .getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
      history = previous.isEmpty() ? null : client.fetchHistory(workflowId, previous);
    }
    return lost;
  }
}
