package dev.croupier.client.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.croupier.client.CallSettings;
import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.client.testing.HistoryPayloads;
import dev.croupier.client.testing.PokerTableClient;
import dev.croupier.client.testing.SealedTestEnvironment;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.table.SeatStatus;
import dev.croupier.games.poker.Action;
import dev.croupier.games.poker.HandResult;
import dev.croupier.games.poker.PokerEngine;
import dev.croupier.games.poker.PokerGame;
import dev.croupier.games.poker.PublicEvent;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.games.poker.TableState;
import dev.croupier.games.poker.TableView;
import dev.croupier.games.rng.Commitment;
import dev.croupier.workflows.table.SeedEpoch;
import dev.croupier.workflows.table.TableAck;
import dev.croupier.workflows.table.TableEvent;
import dev.croupier.workflows.table.TableOptions;
import dev.croupier.workflows.table.TableStart;
import dev.croupier.workflows.table.TableStatus;
import dev.croupier.workflows.table.TableSummary;
import dev.croupier.workflows.table.TableWorkflowImpl;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The table workflow on the time-skipping test server with in-memory ledger and outbox stand-ins:
 * scripted hands with known outcomes, request validation before history, the action clock, seed
 * epochs across continue-as-new, and chip conservation (escrow == stacks + pot) after every hand.
 */
class TableWorkflowTest {
  static final String QUEUE = "poker-tables-test";
  // Blinds 5/10, buy-ins 100-1000, 5% rake capped at 30.
  static final TableConfig CONFIG = new TableConfig("COIN", 6, 5, 10, 100, 1_000, 500, 30);
  static final TableOptions OPTIONS = TableOptions.DEFAULTS.withHandPause(Duration.ZERO);

  private TestWorkflowEnvironment env;
  private final InMemoryTableLedger ledger = new InMemoryTableLedger();
  private final RecordingTableEvents events = new RecordingTableEvents();
  private final ChosenSeeds seeds = new ChosenSeeds();
  private WorkflowClient client;
  private PokerTableClient tables;
  private final UUID tableId = UUID.randomUUID();
  private final List<String> players = new ArrayList<>();
  private int requests;

  @BeforeEach
  void startEnvironment() {
    env = TestWorkflowEnvironment.newInstance(SealedTestEnvironment.options(SeedSealing.random()));
    env.registerSearchAttribute("CroupierGameId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(TableWorkflowImpl.class);
    worker.registerActivitiesImplementations(ledger, events, seeds);
    env.start();
    client = env.getWorkflowClient();
    tables =
        new PokerTableClient(
            new GameTables(
                client, new CallSettings(QUEUE, Duration.ofSeconds(10), Duration.ofSeconds(30))));
    for (int i = 0; i < 6; i++) {
      String p = UUID.randomUUID().toString();
      players.add(p);
      ledger.fund(p, 10_000);
    }
  }

  @AfterEach
  void stopEnvironment() {
    env.close();
  }

  @Test
  void headsUpButtonPostsTheSmallBlindActsFirstAndAFoldGivesTheBigBlindThePot() {
    seeds.push(ChosenSeeds.seed("heads-up"));
    open(OPTIONS);
    sit(0, 0, 500);
    sit(1, 1, 500);
    TableView v = tables.view(tableId, players.get(0));
    assertThat(v.hand().number()).isEqualTo(1);
    int button = v.hand().button();
    assertThat(v.hand().smallBlindSeat()).isEqualTo(button);
    assertThat(v.hand().toAct()).isEqualTo(button);
    assertThat(v.hand().players().get(0).holeCards()).hasSize(2);
    assertThat(v.hand().players().get(1).holeCards()).isEmpty();

    int bigBlind = 1 - button;
    act(new Action.Fold());
    assertHandConserved();
    TableStatus s = tables.status(tableId);
    assertThat(s.handNumber()).isEqualTo(2);
    assertThat(endedStack(bigBlind)).isEqualTo(505);
    assertThat(endedStack(button)).isEqualTo(495);
    assertThat(s.totalRake()).isZero();
    assertThat(ledger.house).isZero();
  }

  @Test
  void everyoneFoldsToARaiseAndTheRaiserTakesTheBlindsWithoutRake() {
    open(OPTIONS.withMinPlayers(4));
    for (int i = 0; i < 4; i++) {
      sit(i, i, 400);
    }
    TableView v = tables.view(tableId, null);
    int raiser = v.hand().toAct();
    act(new Action.Raise(30));
    act(new Action.Fold());
    act(new Action.Fold());
    act(new Action.Fold());
    assertHandConserved();
    assertThat(endedStack(raiser)).isEqualTo(415);
    assertThat(endedStack(v.hand().smallBlindSeat())).isEqualTo(395);
    assertThat(endedStack(v.hand().bigBlindSeat())).isEqualTo(390);
    assertThat(ledger.house).isZero();
    PublicEvent.HandEnded ended = lastEvent(PublicEvent.HandEnded.class);
    assertThat(ended.showdown()).isFalse();
  }

  @Test
  void threeAllInsMakeSidePotsWithKnownAmountsAndTheHouseGetsTheCappedRake() {
    String seed = ChosenSeeds.seed("side-pots");
    seeds.push(seed);
    open(OPTIONS.withMinPlayers(4));
    long[] stacks = {100, 200, 300, 400};
    for (int i = 0; i < 4; i++) {
      sit(i, i, stacks[i]);
    }
    TableView v = tables.view(tableId, null);
    while (v.hand() != null && v.hand().number() == 1) {
      String toAct = v.seats().get(v.hand().toAct()).playerId();
      act(allInOrCall(tables.view(tableId, toAct).hand().legal()));
      v = tables.view(tableId, null);
    }
    assertHandConserved();
    HandResult result = tables.view(tableId, null).lastHand();
    // 4 x 100 main, 3 x 100, 2 x 100; the 400 stack's last 100 is uncalled and returned.
    assertThat(result.pots()).extracting(HandResult.Pot::amount).containsExactly(400L, 300L, 200L);
    assertThat(result.pots()).extracting(p -> p.eligible().size()).containsExactly(4, 3, 2);
    assertThat(result.uncalled()).containsExactly(new HandResult.Chips(3, 100));
    assertThat(result.rake()).isEqualTo(30);
    assertThat(ledger.house).isEqualTo(30);
    assertThat(result.showdown()).isTrue();
    // The same seed and actions on the pure engine give the same stacks: the workflow dealt the
    // committed deck and settled what the engine settled.
    TableState reference = reference(seed, stacks, 4);
    for (int i = 0; i < 4; i++) {
      assertThat(endedStack(i)).isEqualTo(reference.seat(i).stack());
    }
  }

  @Test
  void aSplitPotReturnsEachPlayerHalfAfterRake() {
    String seed = splitSeed();
    seeds.push(seed);
    open(OPTIONS);
    sit(0, 0, 500);
    sit(1, 1, 500);
    act(new Action.AllIn());
    act(new Action.Call());
    assertHandConserved();
    HandResult result = tables.view(tableId, null).lastHand();
    assertThat(result.pots()).hasSize(1);
    assertThat(result.pots().get(0).awards()).hasSize(2);
    assertThat(result.rake()).isEqualTo(30);
    assertThat(endedStack(0)).isEqualTo(485);
    assertThat(endedStack(1)).isEqualTo(485);
    assertThat(ledger.house).isEqualTo(30);
  }

  @Test
  void requestsOutOfTurnForAnotherSeatOrWithIllegalAmountsAreRejectedBeforeHistory() {
    open(OPTIONS);
    sit(0, 0, 500);
    sit(1, 1, 500);
    TableView v = tables.view(tableId, null);
    int toAct = v.hand().toAct();
    int other = 1 - toAct;
    long acceptedBefore = acceptedUpdates();
    assertCode(
        () -> tables.act(tableId, players.get(other), "r-x1", other, new Action.Call()),
        ErrorCode.NOT_YOUR_TURN);
    assertCode(
        () -> tables.act(tableId, players.get(other), "r-x2", toAct, new Action.Call()),
        ErrorCode.NOT_YOUR_SEAT);
    assertCode(
        () -> tables.act(tableId, players.get(toAct), "r-x3", toAct, new Action.Raise(15)),
        ErrorCode.RAISE_TOO_SMALL);
    assertCode(
        () -> tables.act(tableId, players.get(toAct), "r-x4", toAct, new Action.Raise(5_000)),
        ErrorCode.AMOUNT_ABOVE_STACK);
    assertCode(() -> tables.sit(tableId, players.get(2), "r-x5", 0, 500), ErrorCode.SEAT_TAKEN);
    assertCode(
        () -> tables.sit(tableId, players.get(2), "r-x6", 2, 5_000), ErrorCode.BUY_IN_OUT_OF_RANGE);
    assertThat(acceptedUpdates()).isEqualTo(acceptedBefore);

    // The same request id again is answered with the first answer; with another payload refused.
    TableAck first = tables.act(tableId, players.get(toAct), "r-ok", toAct, new Action.Call());
    TableAck again = tables.act(tableId, players.get(toAct), "r-ok", toAct, new Action.Call());
    assertThat(again).isEqualTo(first);
    assertCode(
        () -> tables.act(tableId, players.get(toAct), "r-ok", toAct, new Action.Fold()),
        ErrorCode.DUPLICATE_REQUEST);
  }

  @Test
  void aBuyInTheWalletCannotCoverLeavesTheSeatFreeAndPostsNothing() {
    open(OPTIONS);
    String poor = UUID.randomUUID().toString();
    ledger.fund(poor, 50);
    assertCode(() -> tables.sit(tableId, poor, "r-poor", 3, 200), ErrorCode.INSUFFICIENT_FUNDS);
    assertThat(tables.view(tableId, null).seats().get(3).status()).isEqualTo(SeatStatus.EMPTY);
    assertThat(ledger.posted).isEmpty();
    assertThat(ledger.balance(poor)).isEqualTo(50);
    assertThat(tables.status(tableId).escrowBalance()).isZero();
  }

  @Test
  void theActionClockChecksOrFoldsAndSitsThePlayerOutAfterRepeatedTimeouts() {
    open(OPTIONS.withTimeoutsBeforeSitOut(2));
    sit(0, 0, 500);
    sit(1, 1, 500);
    // Hand 1: the button (small blind) owes 5 more and cannot check: the clock folds.
    TableView v = tables.view(tableId, null);
    int button = v.hand().toAct();
    env.sleep(OPTIONS.actionTimeout().plusSeconds(1));
    assertThat(tables.status(tableId).handNumber()).isEqualTo(2);
    PublicEvent.ActionTaken timedOut = lastAction();
    assertThat(timedOut.timedOut()).isTrue();
    assertThat(timedOut.kind()).isEqualTo(PublicEvent.ActionKind.FOLD);
    assertHandConserved();

    // Hand 2: the other seat has the button; it calls, then the first player lets the clock check
    // for them (big blind, nothing owed): their second timeout in a row sits them out.
    act(new Action.Call());
    assertThat(tables.view(tableId, null).hand().toAct()).isEqualTo(button);
    env.sleep(OPTIONS.actionTimeout().plusSeconds(1));
    PublicEvent.ActionTaken check = lastAction();
    assertThat(check.timedOut()).isTrue();
    assertThat(check.kind()).isEqualTo(PublicEvent.ActionKind.CHECK);
    assertThat(tables.view(tableId, null).seats().get(button).status())
        .isEqualTo(SeatStatus.SITTING_OUT);
  }

  @Test
  void theSnapshotCarriesTheViewersCardsTheLobbyEntryAndTheDeadlineOfTheSeatToAct() {
    open(OPTIONS);
    sit(0, 0, 500);
    sit(1, 1, 500);
    long timeout = OPTIONS.actionTimeout().toMillis();
    PokerTableClient.Snapshot first = tables.snapshot(tableId, players.get(0));
    assertThat(first.summary().seated()).isEqualTo(2);
    assertThat(first.view().viewerSeat()).isZero();
    assertThat(first.view().hand().players().get(0).holeCards()).hasSize(2);
    assertThat(first.view().hand().players().get(1).holeCards()).isEmpty();
    assertThat(first.actionTimeoutMillis()).isEqualTo(timeout);
    assertThat(first.turnDeadlineMillis() - env.currentTimeMillis()).isBetween(1L, timeout);

    env.sleep(Duration.ofSeconds(10));
    act(new Action.Call());
    PokerTableClient.Snapshot second = tables.snapshot(tableId, null);
    assertThat(second.view().viewerSeat()).isEqualTo(-1);
    assertThat(second.view().hand().players()).allSatisfy(p -> assertThat(p.holeCards()).isEmpty());
    assertThat(second.eventSeq()).isGreaterThan(first.eventSeq());
    assertThat(second.turnDeadlineMillis() - first.turnDeadlineMillis())
        .isGreaterThanOrEqualTo(10_000);
    assertThat(second.turnDeadlineMillis() - env.currentTimeMillis())
        .isBetween(timeout - 2_000, timeout);
    assertThat(second.closing()).isFalse();
  }

  @Test
  void continueAsNewBetweenHandsStartsANewSeedEpochAndRevealsTheLastOne() {
    open(OPTIONS.withHandsPerRun(2));
    sit(0, 0, 500);
    sit(1, 1, 500);
    for (int hand = 0; hand < 5; hand++) {
      act(new Action.Fold());
      assertHandConserved();
    }
    TableStatus s = tables.status(tableId);
    assertThat(s.run()).isGreaterThanOrEqualTo(3);
    assertThat(s.handNumber()).isEqualTo(6);
    // Requests are remembered across runs.
    assertThat(tables.sit(tableId, players.get(0), "sit-0", 0, 500).seat()).isZero();

    List<TableEvent.SeedCommitted> commits = new ArrayList<>();
    List<TableEvent.SeedRevealed> reveals = new ArrayList<>();
    for (TableEvent e : events.of(tableId)) {
      if (e instanceof TableEvent.SeedCommitted c) {
        commits.add(c);
      } else if (e instanceof TableEvent.SeedRevealed r) {
        reveals.add(r);
      }
    }
    assertThat(reveals).hasSizeGreaterThanOrEqualTo(2);
    for (TableEvent.SeedRevealed r : reveals) {
      TableEvent.SeedCommitted c = commits.get(r.epoch() - 1);
      assertThat(new Commitment(c.commitment()).matches(r.serverSeed())).isTrue();
      assertThat(r.firstHand()).isEqualTo(c.firstHand());
      // Every hand of the epoch re-deals from the revealed seed to the hole cards that were dealt.
      for (TableEvent e : events.of(tableId)) {
        if (e instanceof TableEvent.Private h
            && h.handNumber() >= r.firstHand()
            && h.handNumber() <= r.lastHand()) {
          RoundSeed seed = new RoundSeed(r.serverSeed(), r.clientSeed(), h.handNumber());
          assertThat(dev.croupier.games.poker.PokerDeal.shuffle(seed))
              .containsAll(h.deal().cards());
        }
      }
    }
    // Players get the running epoch's commitment and the ended epochs' seeds in the snapshot.
    PokerTableClient.Snapshot snap = tables.snapshot(tableId, players.get(0));
    assertThat(snap.seedEpoch().commitment()).isEqualTo(tables.status(tableId).commitment());
    assertThat(snap.seedEpoch().serverSeed()).isNull();
    assertThat(snap.seedEpoch().epoch()).isEqualTo(tables.status(tableId).run());
    assertThat(snap.revealedEpochs())
        .extracting(SeedEpoch::serverSeed)
        .containsExactlyElementsOf(
            reveals.stream().map(TableEvent.SeedRevealed::serverSeed).toList());
    assertThat(snap.revealedEpochs())
        .allSatisfy(
            e -> assertThat(new Commitment(e.commitment()).matches(e.serverSeed())).isTrue());
    // No run's history holds an epoch's seed in the clear: the seed markers hold it sealed.
    String histories = HistoryPayloads.allRuns(client, TableStart.workflowId(tableId));
    assertThat(histories).contains("sealed:v1:");
    for (TableEvent.SeedRevealed r : reveals) {
      assertThat(histories).doesNotContain(r.serverSeed());
    }
    // The seq numbers are gapless across runs: one event log.
    List<TableEvent> all = events.of(tableId);
    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).seq()).isEqualTo(i + 1);
    }
  }

  @Test
  void leavingCashesOutAndClosingCashesEveryoneOutAndEmptiesTheEscrow() {
    open(OPTIONS.withMinPlayers(3));
    sit(0, 0, 500);
    sit(1, 1, 300);
    sit(2, 2, 200);
    act(new Action.Fold());
    TableAck left = tables.leave(tableId, players.get(2), "r-leave", 2);
    assertThat(left.stack()).isZero();
    assertHandConserved();
    TableStatus closed = tables.close(tableId);
    assertThat(closed.closed()).isTrue();
    assertThat(closed.escrowBalance()).as(events.of(tableId).toString()).isZero();
    assertThat(closed.chipsInPlay()).isZero();
    long total = 0;
    for (int i = 0; i < 3; i++) {
      total += ledger.balance(players.get(i));
    }
    assertThat(total + ledger.house).isEqualTo(30_000);
    assertThat(ledger.escrows.values()).containsOnly(0L);
    assertThat(events.of(tableId).get(events.of(tableId).size() - 1))
        .isInstanceOfSatisfying(TableEvent.Listing.class, l -> assertThat(l.summary()).isNull());
  }

  @Test
  void aBuyInOfUnknownOutcomeIsLookedUpByItsKeyUntilTheWalletAnswersAndThePlayerIsSeatedOnce()
      throws Exception {
    open(OPTIONS);
    ledger.answersLost = true;
    CompletableFuture<TableAck> sit =
        CompletableFuture.supplyAsync(
            () -> tables.sit(tableId, players.get(0), "sit-lost", 0, 500));
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> tables.status(tableId).unknownPost() != null);
    assertThat(tables.status(tableId).unknownPost())
        .isEqualTo("table-" + tableId + "/seat-0/buyin-1");
    assertThat(sit).isNotDone();

    ledger.answersLost = false;
    env.sleep(Duration.ofMinutes(2));
    TableAck seated = sit.get(30, TimeUnit.SECONDS);

    assertThat(seated.stack()).isEqualTo(500);
    TableStatus s = tables.status(tableId);
    assertThat(s.unknownPost()).isNull();
    assertThat(ledger.posted).containsOnlyKeys("table-" + tableId + "/seat-0/buyin-1");
    assertThat(ledger.balance(players.get(0))).isEqualTo(9_500);
    assertThat(s.escrowBalance()).isEqualTo(500);
    assertThat(ledger.escrows.values()).containsOnly(500L);
    // The player's retry of the same request gets the same answer.
    assertThat(tables.sit(tableId, players.get(0), "sit-lost", 0, 500)).isEqualTo(seated);
  }

  @Test
  void theTableRecordsTheGameAndTheContentHashItOpenedWith() {
    open(OPTIONS);
    TableStatus s = tables.status(tableId);
    assertThat(s.game()).isEqualTo("poker-nlhe@1.0.0");
    assertThat(s.gameContentHash()).isEqualTo(new PokerGame().descriptor().contentHash());
    assertThat(tables.summary(tableId).game()).isEqualTo("poker-nlhe@1.0.0");
    List<HistoryEvent> history = client.fetchHistory(TableStart.workflowId(tableId)).getEvents();
    assertThat(HistoryPayloads.text(client.fetchHistory(TableStart.workflowId(tableId))))
        .as("the side effect that pins the engine")
        .contains(s.gameContentHash());
    assertThat(history)
        .extracting(HistoryEvent::getEventType)
        .contains(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);
  }

  // ---- helpers ----

  private void open(TableOptions options) {
    TableSummary summary = tables.open(tableId, "test", CONFIG, options);
    assertThat(summary.stakes()).isEqualTo("5/10");
  }

  private void sit(int player, int seat, long buyIn) {
    tables.sit(tableId, players.get(player), "sit-" + player, seat, buyIn);
  }

  private void act(Action action) {
    TableView v = tables.view(tableId, null);
    int seat = v.hand().toAct();
    String player = v.seats().get(seat).playerId();
    tables.act(tableId, player, "r-" + (++requests), seat, action);
  }

  /** The seat's stack at the end of the last finished hand (the next one may have started). */
  private long endedStack(int seat) {
    for (HandResult.Chips c : lastEvent(PublicEvent.HandEnded.class).stacks()) {
      if (c.seat() == seat) {
        return c.amount();
      }
    }
    throw new AssertionError("seat " + seat + " not in the last hand");
  }

  private static Action allInOrCall(dev.croupier.games.poker.LegalActions legal) {
    return legal == null || legal.canBet() || legal.canRaise()
        ? new Action.AllIn()
        : new Action.Call();
  }

  /** The escrow in the (stand-in) ledger equals stacks + pot, and the workflow agrees. */
  private void assertHandConserved() {
    TableStatus s = tables.status(tableId);
    long escrow = ledger.escrows.values().iterator().next();
    assertThat(s.escrowBalance()).isEqualTo(escrow);
    assertThat(s.chipsInPlay()).isEqualTo(escrow);
    assertThat(s.totalBuyIns() - s.totalCashOuts() - s.totalRake()).isEqualTo(escrow);
  }

  private <T extends PublicEvent> T lastEvent(Class<T> type) {
    T last = null;
    for (TableEvent e : events.of(tableId)) {
      if (e instanceof TableEvent.Public p && type.isInstance(PokerTableClient.event(p))) {
        last = type.cast(PokerTableClient.event(p));
      }
    }
    return last;
  }

  private PublicEvent.ActionTaken lastAction() {
    return lastEvent(PublicEvent.ActionTaken.class);
  }

  private long acceptedUpdates() {
    return client.fetchHistory(TableStart.workflowId(tableId)).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        .count();
  }

  private static void assertCode(Runnable call, ErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(CroupierException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  /** The pure engine with the same seed, sits and all-ins: hand 1 only. */
  private TableState reference(String serverSeed, long[] stacks, int n) {
    TableState s = PokerEngine.newTable(CONFIG);
    for (int i = 0; i < n; i++) {
      s =
          PokerEngine.apply(s, i, players.get(i), new Action.Sit(players.get(i), stacks[i]))
              .state();
    }
    s =
        PokerEngine.startHand(s, new RoundSeed(serverSeed, TableStart.workflowId(tableId), 1))
            .state();
    while (s.hand() != null && s.hand().number() == 1) {
      int seat = s.hand().toAct();
      Action a = allInOrCall(PokerEngine.legalActions(s));
      s = PokerEngine.apply(s, seat, s.seat(seat).playerId(), a).state();
    }
    return s;
  }

  /** A seed whose first heads-up hand, all-in and call, is a split pot. */
  private String splitSeed() {
    for (int i = 0; i < 10_000; i++) {
      String seed = ChosenSeeds.seed("split-" + i);
      TableState s = PokerEngine.newTable(CONFIG);
      for (int p = 0; p < 2; p++) {
        s = PokerEngine.apply(s, p, players.get(p), new Action.Sit(players.get(p), 500)).state();
      }
      s = PokerEngine.startHand(s, new RoundSeed(seed, TableStart.workflowId(tableId), 1)).state();
      s =
          PokerEngine.apply(
                  s, s.hand().toAct(), s.seat(s.hand().toAct()).playerId(), new Action.AllIn())
              .state();
      s =
          PokerEngine.apply(
                  s, s.hand().toAct(), s.seat(s.hand().toAct()).playerId(), new Action.Call())
              .state();
      if (s.lastHand().pots().get(0).awards().size() == 2) {
        return seed;
      }
    }
    throw new IllegalStateException("no split in 10,000 seeds");
  }
}
