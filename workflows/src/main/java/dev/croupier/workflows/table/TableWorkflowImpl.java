package dev.croupier.workflows.table;

import static dev.croupier.workflows.WorkflowFailures.fail;
import static dev.croupier.workflows.WorkflowFailures.failureType;
import static dev.croupier.workflows.WorkflowFailures.isCatalogued;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.TableGame;
import dev.croupier.games.api.table.PrivateDeal;
import dev.croupier.games.api.table.SeatFacts;
import dev.croupier.games.api.table.SeatStatus;
import dev.croupier.games.api.table.Settlement;
import dev.croupier.games.api.table.SharedEvent;
import dev.croupier.games.api.table.TableFacts;
import dev.croupier.games.api.table.TableMove;
import dev.croupier.games.api.table.TableStep;
import dev.croupier.games.api.table.TableTerms;
import dev.croupier.workflows.LocalActivities;
import dev.croupier.workflows.RememberedRequests;
import dev.croupier.workflows.session.ComplianceActivities;
import dev.croupier.workflows.session.ComplianceAlert;
import dev.croupier.workflows.session.ReviewResolution;
import dev.croupier.workflows.session.SeedActivities;
import dev.croupier.workflows.session.Seeds;
import dev.croupier.workflows.session.SessionSearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The table workflow, for any table game. The table's state is the game's own ({@link TableGame});
 * every request runs the pure engine and then the ledger posts and outbox writes the step calls
 * for, all as local activities, under one workflow lock, so that steps never interleave at their
 * blocking points. The workflow reads the state only through the game's {@link TableFacts}: seats,
 * stacks, whose turn it is, totals.
 *
 * <p><b>Pinned engine.</b> The engine runs in workflow code (the update validators must decide from
 * the state, and the state holds the deck, which must stay out of the history). It is pinned: the
 * table's input names the game version, the first run records the engine's content hash in a side
 * effect and every later run carries it, and a run whose installed engine has another hash fails
 * its workflow tasks (and so waits, without dealing) until the right one is deployed.
 *
 * <p><b>Money.</b> Chips at the table live in one {@code TABLE_ESCROW} account (owner: the table
 * id). A buy-in posts player to escrow under {@code table-<id>/seat-<n>/buyin-<k>}, a cash-out
 * escrow to player under {@code table-<id>/seat-<n>/cashout-<k>} ({@code k} counts per seat, from
 * the carried state, never random), and a round's rake escrow to house under {@code
 * table-<id>/hand-<n>/rake}. Pots move no money in the ledger: they are chips inside the escrow.
 * After every step {@code escrow == chips in play} and the game's invariants hold; the step fails
 * its workflow task (and is retried) rather than going on with a broken count.
 *
 * <p><b>Exactly-once.</b> A worker killed mid-step loses the workflow task, not the money: the
 * retried task replays the history, re-runs the pure engine and re-posts under the same keys, and
 * the wallet answers with the original results. A key taken by a post the table never recorded (its
 * update was lost with a server restart) is found by the conflict, that post is reversed, and the
 * next {@code k} is used. A buy-in whose outcome stays unknown after the activity's retries is
 * recorded in the table's state ({@link TableStatus#unknownPost()}) and looked up under its key on
 * a durable timer, by posting it again, until the wallet answers: the sit's Update stays open and
 * the table waits meanwhile.
 *
 * <p><b>Seeds.</b> Each run is a seed epoch: a fresh server seed from the CSPRNG (a local
 * activity), its SHA-256 commitment published ({@link TableEvent.SeedCommitted}) before the epoch's
 * first round, round {@code n} dealt from {@code HMAC(serverSeed, "table-<id>:n")}, and the seed
 * revealed ({@link TableEvent.SeedRevealed}) when the epoch ends, at continue-as-new or close.
 *
 * <p><b>Mismatches.</b> A hand's rake posted under a key the ledger already holds with another
 * result ({@code IDEMPOTENCY_CONFLICT}) is read back and raised as a {@link ComplianceAlert} of
 * kind {@link ComplianceAlert#HAND_LEDGER_MISMATCH} with both versions; the table keeps its own
 * count (its escrow as if the rake was posted), finishes the step, and then holds: no new hand, no
 * buy-in, no move but leaving or sitting out ({@code TABLE_UNDER_REVIEW}), across continue-as-new,
 * until admin signals {@link #resolveReview}. Tables recorded before ({@value #REVIEW_MISMATCHES})
 * failed the workflow task on it, retried forever.
 */
public class TableWorkflowImpl implements TableWorkflow {
  private static final Logger log = Workflow.getLogger(TableWorkflowImpl.class);
  static final String PIN_GAME = "pin-game";
  static final String RECORD_UNKNOWN_POSTS = "record-unknown-posts";
  static final String REVIEW_MISMATCHES = "review-hand-mismatches";
  // Between two lookups of a buy-in whose outcome is unknown: durable timers, doubling to a minute.
  private static final Duration FIRST_LOOKUP = Duration.ofSeconds(1);
  private static final Duration LAST_LOOKUP = Duration.ofMinutes(1);
  // Ended seed epochs kept for players' verifiers (the snapshot); older ones are on table.events.
  static final int KEPT_EPOCHS = 10;

  private final SeedActivities seedActivities =
      Workflow.newLocalActivityStub(SeedActivities.class, LocalActivities.quick().build());
  // Local activity markers keep results only (see LocalActivities): smaller histories, and no
  // plaintext private cards from the outbox batches in the table's history.
  private final TableLedgerActivities ledger =
      Workflow.newLocalActivityStub(TableLedgerActivities.class, LocalActivities.retried().build());
  private final TableEventActivities events =
      Workflow.newLocalActivityStub(TableEventActivities.class, LocalActivities.retried().build());
  private final ComplianceActivities compliance =
      Workflow.newLocalActivityStub(ComplianceActivities.class, LocalActivities.retried().build());

  private final TableStart start;
  private final TableOptions options;
  private final String prefix;
  private final TableGame<Object> engine;
  private final TableTerms terms;
  private final WorkflowLock lock = Workflow.newWorkflowLock();
  private final RememberedRequests<TableRequest, RememberedAck> remembered;
  private Object state;
  private TableFacts facts;
  private TableAccounts accounts;
  private long escrowBalance;
  private int[] buyIns;
  private int[] cashOuts;
  private long eventSeq;
  private int run = 1;
  private boolean ready;
  private boolean closing;
  private boolean closed;
  private Seeds seeds;
  private long epochFirstHand;
  // The last ended epochs, carried across runs for the snapshot; no command reads them.
  private final List<EndedEpoch> endedEpochs = new ArrayList<>();
  private int handsThisRun;
  private long version;
  private long ledgerPosts;
  private String pinnedHash;
  private String unknownPost;
  // The unresolved alert that holds the table; null while the records agree.
  private ComplianceAlert review;
  // The running turn's clock, for the snapshot query only: no command depends on these.
  private long turnVersion = -1;
  private long turnDeadline;

  /** Sets identity and the carried state before any handler of the run runs. */
  @WorkflowInit
  public TableWorkflowImpl(TableStart input) {
    this.start = input;
    this.options = input.options();
    this.prefix = TableStart.workflowId(input.tableId());
    this.engine = TableEngines.find(input.game());
    this.terms = engine.terms(input.config());
    this.remembered =
        new RememberedRequests<>(
            options.rememberedRequests(),
            TableRequest::requestId,
            RememberedAck::requestId,
            (r, request) -> r.fingerprint().equals(fingerprint(request)));
    TableCarry carry = input.carry();
    if (carry == null) {
      state = engine.newTable(input.config());
      buyIns = new int[terms.seats()];
      cashOuts = new int[terms.seats()];
    } else {
      state = engine.restore(carry.state());
      accounts = carry.accounts();
      escrowBalance = carry.escrowBalance();
      buyIns = carry.buyIns().stream().mapToInt(Integer::intValue).toArray();
      cashOuts = carry.cashOuts().stream().mapToInt(Integer::intValue).toArray();
      eventSeq = carry.eventSeq();
      run = carry.run();
      closing = carry.closing();
      ledgerPosts = carry.ledgerPosts();
      pinnedHash = carry.gameContentHash();
      remembered.restore(carry.remembered());
      endedEpochs.addAll(carry.endedEpochs());
      review = carry.review();
    }
    facts = engine.facts(state);
  }

  @Override
  public TableStatus run(TableStart input) {
    pinEngine(input);
    if (input.carry() == null) {
      accounts = retryTask(() -> ledger.openTable(input.tableId(), terms.currency()));
      escrowBalance = accounts.balance();
    }
    seeds = seedActivities.generate(prefix);
    epochFirstHand = facts.round() + 1;
    lock.lock();
    try {
      List<TableEvent> out = new ArrayList<>();
      out.add(
          new TableEvent.SeedCommitted(
              ++eventSeq,
              facts.round(),
              run,
              seeds.commitment(),
              seeds.clientSeed(),
              epochFirstHand));
      if (input.carry() == null) {
        out.add(new TableEvent.Listing(++eventSeq, facts.round(), summary()));
      }
      append(out);
    } finally {
      lock.unlock();
    }
    ready = true;
    while (true) {
      Workflow.await(() -> closing || runIsFull() || (!lock.isHeld() && canDeal()));
      if (closing) {
        closeTable();
        return status();
      }
      if (runIsFull()) {
        continueAsNew(input);
      }
      if (!options.handPause().isZero()) {
        Workflow.sleep(options.handPause());
      }
      lock.lock();
      try {
        if (closing || !canDeal()) {
          continue;
        }
        commit(engine.startRound(state, seeds.round(facts.round() + 1)));
        handsThisRun++;
      } finally {
        lock.unlock();
      }
      playRound();
    }
  }

  /**
   * Pins the engine: the first run of a table records the installed engine's content hash, every
   * run checks it. Tables recorded before pinning replay without it.
   */
  private void pinEngine(TableStart input) {
    if (pinnedHash == null
        && Workflow.getVersion(PIN_GAME, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION) {
      String installed = engine.descriptor().contentHash();
      pinnedHash = Workflow.sideEffect(String.class, () -> installed);
      Workflow.upsertTypedSearchAttributes(
          SessionSearchAttributes.GAME_ID.valueSet(input.game().toString()));
    }
    String installed = engine.descriptor().contentHash();
    if (pinnedHash != null && !pinnedHash.equals(installed)) {
      log.error(
          "{} plays {} with content hash {}, but this worker has {}: not dealing until it is"
              + " deployed",
          prefix,
          input.game(),
          pinnedHash,
          installed);
      throw new IllegalStateException(
          input.game() + " differs from the engine the table opened with (" + pinnedHash + ")");
    }
  }

  private boolean canDeal() {
    return review == null
        && engine.canStartRound(state)
        && facts.readyToPlay() >= options.minPlayers();
  }

  private boolean runIsFull() {
    return !facts.roundRunning()
        && (handsThisRun >= options.handsPerRun() || Workflow.getInfo().isContinueAsNewSuggested());
  }

  /**
   * The action clock: one durable timer per turn; the clock moves for the seat when it runs out.
   */
  private void playRound() {
    while (facts.roundRunning()) {
      long seen = version;
      int toAct = facts.toAct();
      if (toAct < 0) {
        Workflow.await(() -> version != seen);
        continue;
      }
      turnVersion = seen;
      turnDeadline = Workflow.currentTimeMillis() + options.actionTimeout().toMillis();
      boolean changed = Workflow.await(options.actionTimeout(), () -> version != seen);
      if (changed) {
        continue;
      }
      lock.lock();
      try {
        if (version == seen && facts.roundRunning()) {
          timeOut(toAct);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private void timeOut(int seat) {
    commit(engine.applyTimeout(state));
    SeatFacts s = facts.seat(seat);
    if (s.occupied()
        && s.status() == SeatStatus.PLAYING
        && !s.leaving()
        && s.consecutiveTimeouts() >= options.timeoutsBeforeSitOut()) {
      log.info(
          "{}: seat {} timed out {} times; sitting out", prefix, seat, s.consecutiveTimeouts());
      commit(engine.apply(state, seat, s.playerId(), TableMove.of(TableMove.SIT_OUT)));
    }
  }

  private void continueAsNew(TableStart input) {
    lock.lock();
    try {
      append(List.of(revealed()));
    } finally {
      lock.unlock();
    }
    Workflow.await(() -> Workflow.isEveryHandlerFinished() && !lock.isHeld());
    Workflow.continueAsNew(input.continued(carry()));
  }

  private void closeTable() {
    Workflow.await(() -> !lock.isHeld());
    lock.lock();
    try {
      for (SeatFacts s : facts.seats()) {
        if (s.occupied() && !s.leaving()) {
          commit(engine.apply(state, s.index(), s.playerId(), TableMove.of(TableMove.LEAVE)));
        }
      }
      append(List.of(revealed(), new TableEvent.Listing(++eventSeq, facts.round(), null)));
      closed = true;
    } finally {
      lock.unlock();
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
  }

  private TableEvent.SeedRevealed revealed() {
    TableEvent.SeedRevealed event =
        new TableEvent.SeedRevealed(
            ++eventSeq,
            facts.round(),
            run,
            seeds.commitment(),
            seeds.serverSeed(),
            seeds.clientSeed(),
            epochFirstHand,
            facts.round());
    endedEpochs.add(new EndedEpoch(run, seeds, event.firstHand(), event.lastHand()));
    while (endedEpochs.size() > KEPT_EPOCHS) {
      endedEpochs.remove(0);
    }
    return event;
  }

  private TableCarry carry() {
    List<Integer> b = Arrays.stream(buyIns).boxed().toList();
    List<Integer> c = Arrays.stream(cashOuts).boxed().toList();
    return new TableCarry(
        engine.save(state),
        accounts,
        escrowBalance,
        b,
        c,
        eventSeq,
        run + 1,
        closing,
        remembered.carried(),
        ledgerPosts,
        pinnedHash,
        List.copyOf(endedEpochs),
        review);
  }

  // ---- Updates ----

  @Override
  public void validateSit(TableRequest.Sit r) {
    if (remembered.find(r) != null) {
      return;
    }
    if (closing) {
      throw fail(ErrorCode.TABLE_CLOSED, "the table is closing");
    }
    if (review != null) {
      throw underReview();
    }
    engineCheck(() -> engine.validate(state, r.seat(), r.playerId(), r.move()));
  }

  @Override
  public TableAck sit(TableRequest.Sit r) {
    return answer(
        r,
        () -> {
          if (closing) {
            throw fail(ErrorCode.TABLE_CLOSED, "the table is closing");
          }
          if (review != null) {
            throw underReview();
          }
          engineCheck(() -> engine.validate(state, r.seat(), r.playerId(), r.move()));
          buyIn(r.seat(), r.playerId(), r.buyIn());
          commit(engineCall(() -> engine.apply(state, r.seat(), r.playerId(), r.move())));
        });
  }

  @Override
  public void validateAct(TableRequest.Act r) {
    if (remembered.find(r) != null) {
      return;
    }
    if (review != null) {
      throw underReview();
    }
    engineCheck(() -> engine.validate(state, r.seat(), r.playerId(), gameMove(r)));
  }

  @Override
  public TableAck act(TableRequest.Act r) {
    return answer(
        r,
        () -> {
          if (review != null) {
            throw underReview();
          }
          commit(engineCall(() -> engine.apply(state, r.seat(), r.playerId(), gameMove(r))));
        });
  }

  @Override
  public void validateChange(TableRequest.Change r) {
    if (remembered.find(r) != null) {
      return;
    }
    if (review != null && !leavesOrSitsOut(r.move())) {
      throw underReview();
    }
    engineCheck(() -> engine.validate(state, r.seat(), r.playerId(), r.move()));
  }

  @Override
  public TableAck change(TableRequest.Change r) {
    return answer(
        r,
        () -> {
          if (review != null && !leavesOrSitsOut(r.move())) {
            throw underReview();
          }
          commit(engineCall(() -> engine.apply(state, r.seat(), r.playerId(), r.move())));
        });
  }

  private static boolean leavesOrSitsOut(TableMove move) {
    return TableMove.LEAVE.equals(move.type()) || TableMove.SIT_OUT.equals(move.type());
  }

  private io.temporal.failure.ApplicationFailure underReview() {
    return fail(
        ErrorCode.TABLE_UNDER_REVIEW,
        "the table is under compliance review ("
            + review.alertId()
            + "); no new hand until resolved, leaving still works");
  }

  @Override
  public void resolveReview(ReviewResolution resolution) {
    if (review != null && review.alertId().equals(resolution.alertId())) {
      log.info("{}: alert {} resolved by {}", prefix, review.alertId(), resolution.resolvedBy());
      review = null;
    }
  }

  /**
   * Runs one request's step under the table lock once the table is ready, and remembers its answer;
   * a remembered request gets its first answer and runs nothing.
   */
  private TableAck answer(TableRequest r, Runnable step) {
    Workflow.await(() -> ready);
    lock.lock();
    try {
      RememberedAck prior = remembered.find(r);
      if (prior != null) {
        return prior.ack();
      }
      step.run();
      return remember(r);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public TableStatus close() {
    closing = true;
    Workflow.await(() -> closed);
    return status();
  }

  // ---- Queries ----

  @Override
  public TableView view(String playerId) {
    int seat = facts.seatOf(playerId);
    return new TableView(seat, facts.round(), facts.seats(), engine.view(state, seat));
  }

  @Override
  public TableSnapshot snapshot(String playerId) {
    boolean clockRunning = facts.roundRunning() && facts.toAct() >= 0 && turnVersion == version;
    return new TableSnapshot(
        summary(),
        view(playerId),
        eventSeq,
        options.actionTimeout().toMillis(),
        clockRunning ? turnDeadline : 0,
        closing || closed,
        seeds == null || closed
            ? null
            : new SeedEpoch(run, seeds.commitment(), seeds.clientSeed(), epochFirstHand, 0, null),
        endedEpochs.stream().map(EndedEpoch::revealed).toList());
  }

  @Override
  public TableSummary summary() {
    return new TableSummary(
        start.tableId(),
        start.name(),
        terms.stakes(),
        terms.currency(),
        terms.seats(),
        facts.seated(),
        terms.minBuyIn(),
        terms.maxBuyIn(),
        start.game().toString());
  }

  @Override
  public TableStatus status() {
    return new TableStatus(
        start.tableId(),
        run,
        facts.round(),
        facts.roundRunning(),
        facts.seated(),
        escrowBalance,
        facts.chipsInPlay(),
        facts.totalBuyIns(),
        facts.totalCashOuts(),
        facts.totalRake(),
        ledgerPosts,
        eventSeq,
        seeds == null ? null : seeds.commitment(),
        closing,
        closed,
        start.game().toString(),
        pinnedHash,
        unknownPost,
        review == null ? null : review.alertId());
  }

  // ---- One step: state, money, events, invariants ----

  private void commit(TableStep<Object> step) {
    int seatedBefore = facts.seated();
    state = step.state();
    facts = engine.facts(state);
    version++;
    List<TableEvent> out = new ArrayList<>();
    for (SharedEvent e : step.events()) {
      out.add(new TableEvent.Public(++eventSeq, e.round(), e.event()));
    }
    for (PrivateDeal d : step.deals()) {
      out.add(new TableEvent.Private(++eventSeq, d.round(), d));
    }
    if (facts.seated() != seatedBefore) {
      out.add(new TableEvent.Listing(++eventSeq, facts.round(), summary()));
    }
    for (Settlement s : step.settlements()) {
      switch (s) {
        case Settlement.Rake rake -> {
          String key = prefix + "/hand-" + rake.round() + "/rake";
          postHandOrHold(
              transfer(key, TableTransfer.Kind.RAKE, null, -1, rake.round(), rake.amount()));
          escrowBalance -= rake.amount();
        }
        case Settlement.CashOut c -> cashOut(c.seat(), c.playerId(), c.amount());
      }
    }
    append(out);
    checkConservation();
  }

  private void buyIn(int seat, String playerId, long amount) {
    Duration wait = FIRST_LOOKUP;
    while (true) {
      String key = prefix + "/seat-" + seat + "/buyin-" + (buyIns[seat] + 1);
      TableTransfer transfer =
          transfer(key, TableTransfer.Kind.BUY_IN, playerId, seat, facts.round(), amount);
      try {
        observe(ledger.post(transfer), amount);
        buyIns[seat]++;
        escrowBalance += amount;
        unknownPost = null;
        return;
      } catch (ActivityFailure f) {
        String code = failureType(f);
        if (ErrorCode.IDEMPOTENCY_CONFLICT.name().equals(code)) {
          unknownPost = null;
          skipOrphan(key);
          buyIns[seat]++;
          continue;
        }
        if (code != null && isCatalogued(code)) {
          unknownPost = null;
          throw fail(ErrorCode.valueOf(code), "the buy-in was not posted: " + code);
        }
        if (unknownPost == null
            && Workflow.getVersion(RECORD_UNKNOWN_POSTS, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION) {
          // Tables recorded before: the sit failed and the seat's next buy-in reused the key.
          log.warn("{}: buy-in {} outcome unknown after retries", prefix, key);
          throw fail(
              ErrorCode.UNAVAILABLE,
              "the wallet did not answer; the buy-in is reconciled by its key on the next sit");
        }
        if (unknownPost == null) {
          log.warn(
              "{}: buy-in {} outcome unknown after retries; looking it up by key", prefix, key);
          unknownPost = key;
        }
        // The same post under the same key is the lookup: posted before, the wallet answers with
        // the original result; not posted, it is posted now. The table waits, under its lock.
        Workflow.sleep(wait);
        wait = wait.multipliedBy(2).compareTo(LAST_LOOKUP) > 0 ? LAST_LOOKUP : wait.multipliedBy(2);
      }
    }
  }

  private void cashOut(int seat, String playerId, long amount) {
    while (true) {
      String key = prefix + "/seat-" + seat + "/cashout-" + (cashOuts[seat] + 1);
      TableTransfer transfer =
          transfer(key, TableTransfer.Kind.CASH_OUT, playerId, seat, facts.round(), amount);
      try {
        observe(ledger.post(transfer), -amount);
        cashOuts[seat]++;
        escrowBalance -= amount;
        return;
      } catch (ActivityFailure f) {
        if (ErrorCode.IDEMPOTENCY_CONFLICT.name().equals(failureType(f))) {
          skipOrphan(key);
          cashOuts[seat]++;
          continue;
        }
        throw new IllegalStateException("cash-out " + key + " failed; retrying the task", f);
      }
    }
  }

  /** A transfer between the table's escrow and a player ({@code null} for the house). */
  private TableTransfer transfer(
      String key, TableTransfer.Kind kind, String playerId, int seat, long hand, long amount) {
    return new TableTransfer(
        key,
        kind,
        start.tableId(),
        accounts.escrow(),
        accounts.currency(),
        playerId,
        seat,
        hand,
        amount);
  }

  /**
   * Posts a hand's transfer out of escrow. A key the ledger holds with another result is a
   * mismatch: raised and held for review (see the class comment), where tables recorded before
   * failed the task; anything else fails the task, which retries it under the same key.
   */
  private void postHandOrHold(TableTransfer transfer) {
    try {
      observe(ledger.post(transfer), -transfer.amount());
    } catch (ActivityFailure f) {
      if (ErrorCode.IDEMPOTENCY_CONFLICT.name().equals(failureType(f))
          && Workflow.getVersion(REVIEW_MISMATCHES, Workflow.DEFAULT_VERSION, 1) == 1) {
        holdForReview(transfer);
        return;
      }
      throw new IllegalStateException(
          transfer.idempotencyKey() + " failed; retrying the workflow task", f);
    }
  }

  private void holdForReview(TableTransfer transfer) {
    String key = transfer.idempotencyKey();
    PostedTransfer held = retryTask(() -> ledger.find(key, accounts.escrow()));
    log.error(
        "{}: hand {} posts {} out of escrow under {}, but the ledger holds {}; holding for review",
        prefix,
        transfer.handNumber(),
        transfer.amount(),
        key,
        held == null ? "nothing" : held.outOfEscrow());
    ComplianceAlert alert =
        new ComplianceAlert(
            ComplianceAlert.idOfHand(start.tableId(), transfer.handNumber()),
            ComplianceAlert.HAND_LEDGER_MISMATCH,
            null,
            null,
            start.game().toString(),
            transfer.handNumber(),
            Workflow.currentTimeMillis(),
            new ComplianceAlert.Version(
                held == null ? 0 : held.transactionId(),
                key,
                null,
                0,
                held == null ? 0 : held.outOfEscrow(),
                held == null ? transfer.currency() : held.currency(),
                Map.of("kind", held == null ? "NONE" : held.kind())),
            new ComplianceAlert.Version(
                0,
                key,
                null,
                0,
                transfer.amount(),
                transfer.currency(),
                Map.of("kind", transfer.kind().name())),
            start.tableId(),
            key);
    try {
      compliance.raiseAlert(alert);
    } catch (ActivityFailure f) {
      throw new IllegalStateException("raising alert failed; retrying the workflow task", f);
    }
    review = alert;
  }

  private void skipOrphan(String key) {
    log.warn("{}: key {} holds a post this table never recorded; reversing it", prefix, key);
    retryTask(() -> ledger.reverse(key, accounts.escrow()));
    ledgerPosts++;
  }

  private void observe(long walletEscrow, long delta) {
    ledgerPosts++;
    if (walletEscrow != escrowBalance + delta) {
      log.error(
          "{}: the wallet's escrow is {} but the table expects {}",
          prefix,
          walletEscrow,
          escrowBalance + delta);
    }
  }

  private void checkConservation() {
    engine.checkInvariants(state);
    if (facts.chipsInPlay() != escrowBalance) {
      throw new IllegalStateException(
          prefix + ": escrow " + escrowBalance + " != chips in play " + facts.chipsInPlay());
    }
  }

  private void append(List<TableEvent> out) {
    if (out.isEmpty()) {
      return;
    }
    TableEventBatch batch = new TableEventBatch(start.tableId(), out);
    try {
      events.append(batch);
    } catch (ActivityFailure f) {
      throw new IllegalStateException("outbox write failed; retrying the workflow task", f);
    }
  }

  // ---- Requests: idempotency and checks ----

  private TableAck remember(TableRequest r) {
    SeatFacts s = facts.seat(r.seat());
    TableAck ack =
        new TableAck(
            r.requestId(),
            r.seat(),
            r.playerId().equals(s.playerId()) ? s.stack() : 0,
            facts.round(),
            facts.roundRunning(),
            eventSeq);
    remembered.remember(new RememberedAck(r.requestId(), fingerprint(r), ack));
    return ack;
  }

  /**
   * What two requests must share to be the same request: for a game move, the game's own text of
   * it, so that two spellings of one move (and the texts of requests remembered by earlier builds)
   * compare equal.
   */
  private String fingerprint(TableRequest r) {
    if (r instanceof TableRequest.Act act) {
      try {
        return "act|" + act.playerId() + "|" + act.seat() + "|" + engine.describe(gameMove(act));
      } catch (CroupierException | io.temporal.failure.ApplicationFailure unreadable) {
        return act.fingerprint();
      }
    }
    return r.fingerprint();
  }

  /**
   * The game move of an {@code act} request.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code MALFORMED_MESSAGE} without a type, {@code
   *     ILLEGAL_ACTION} for a seat move, which has its own request
   */
  private static TableMove gameMove(TableRequest.Act r) {
    TableMove move;
    try {
      move = TableMove.fromJson(r.action());
    } catch (CroupierException e) {
      throw fail(e.code(), e.getMessage());
    }
    if (move.isSeatMove()) {
      throw fail(ErrorCode.ILLEGAL_ACTION, "act takes the game's moves, not " + move.type());
    }
    return move;
  }

  private static void engineCheck(Runnable check) {
    try {
      check.run();
    } catch (CroupierException e) {
      throw fail(e.code(), e.getMessage());
    }
  }

  private static TableStep<Object> engineCall(Supplier<TableStep<Object>> call) {
    try {
      return call.get();
    } catch (CroupierException e) {
      throw fail(e.code(), e.getMessage());
    }
  }

  private static <T> T retryTask(Supplier<T> call) {
    try {
      return call.get();
    } catch (ActivityFailure f) {
      throw new IllegalStateException("infrastructure call failed; retrying the workflow task", f);
    }
  }
}
