package dev.croupier.workflows.table;

import static dev.croupier.workflows.WorkflowFailures.fail;
import static dev.croupier.workflows.WorkflowFailures.failureType;
import static dev.croupier.workflows.WorkflowFailures.isCatalogued;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.poker.Action;
import dev.croupier.games.poker.HoleCardsDealt;
import dev.croupier.games.poker.PokerEngine;
import dev.croupier.games.poker.PublicEvent;
import dev.croupier.games.poker.Seat;
import dev.croupier.games.poker.SeatStatus;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.games.poker.TableState;
import dev.croupier.games.poker.TableView;
import dev.croupier.games.poker.Transition;
import dev.croupier.workflows.LocalActivities;
import dev.croupier.workflows.RememberedRequests;
import dev.croupier.workflows.session.SeedActivities;
import dev.croupier.workflows.session.Seeds;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The poker table workflow. The table's state is the engine's {@link TableState}; every request
 * runs the pure engine and then the ledger posts and outbox writes the step calls for, all as local
 * activities, under one workflow lock, so that steps never interleave at their blocking points.
 *
 * <p><b>Money.</b> Chips at the table live in one {@code TABLE_ESCROW} account (owner: the table
 * id). A buy-in posts player to escrow under {@code table-<id>/seat-<n>/buyin-<k>}, a cash-out
 * escrow to player under {@code table-<id>/seat-<n>/cashout-<k>} ({@code k} counts per seat, from
 * the carried state, never random), and a hand's rake escrow to house under {@code
 * table-<id>/hand-<n>/rake}. Pots move no money in the ledger: they are chips inside the escrow.
 * After every step {@code escrow == sum(stacks) + chips in the running hand} and the engine's
 * {@code buy-ins - cash-outs == stacks + pot + rake}; the step fails its workflow task (and is
 * retried) rather than going on with a broken count.
 *
 * <p><b>Exactly-once.</b> A worker killed mid-step loses the workflow task, not the money: the
 * retried task replays the history, re-runs the pure engine and re-posts under the same keys, and
 * the wallet answers with the original results. A key taken by a post the table never recorded (its
 * update was lost with a server restart) is found by the conflict, that post is reversed, and the
 * next {@code k} is used.
 *
 * <p><b>Seeds.</b> Each run is a seed epoch: a fresh server seed from the CSPRNG (a local
 * activity), its SHA-256 commitment published ({@link TableEvent.SeedCommitted}) before the epoch's
 * first hand, hand {@code n} dealt from {@code HMAC(serverSeed, "table-<id>:n")}, and the seed
 * revealed ({@link TableEvent.SeedRevealed}) when the epoch ends, at continue-as-new or close.
 */
public class PokerTableWorkflowImpl implements PokerTableWorkflow {
  private static final Logger log = Workflow.getLogger(PokerTableWorkflowImpl.class);

  private final SeedActivities seedActivities =
      Workflow.newLocalActivityStub(SeedActivities.class, LocalActivities.quick().build());
  // Local activity markers keep results only (see LocalActivities): smaller histories, and no
  // plaintext hole cards from the outbox batches in the table's history.
  private final TableLedgerActivities ledger =
      Workflow.newLocalActivityStub(TableLedgerActivities.class, LocalActivities.retried().build());
  private final TableEventActivities events =
      Workflow.newLocalActivityStub(TableEventActivities.class, LocalActivities.retried().build());

  private final TableStart start;
  private final TableOptions options;
  private final String prefix;
  private final WorkflowLock lock = Workflow.newWorkflowLock();
  private final RememberedRequests<TableRequest, RememberedAck> remembered;
  private TableState state;
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
  private int handsThisRun;
  private long version;
  private long ledgerPosts;
  // The running turn's clock, for the snapshot query only: no command depends on these.
  private long turnVersion = -1;
  private long turnDeadline;

  /** Sets identity and the carried state before any handler of the run runs. */
  @WorkflowInit
  public PokerTableWorkflowImpl(TableStart input) {
    this.start = input;
    this.options = input.options();
    this.prefix = TableStart.workflowId(input.tableId());
    this.remembered =
        new RememberedRequests<>(
            options.rememberedRequests(),
            TableRequest::requestId,
            RememberedAck::requestId,
            (r, request) -> r.fingerprint().equals(request.fingerprint()));
    TableCarry carry = input.carry();
    if (carry == null) {
      state = PokerEngine.newTable(input.config());
      buyIns = new int[input.config().seatCount()];
      cashOuts = new int[input.config().seatCount()];
    } else {
      state = carry.state();
      accounts = carry.accounts();
      escrowBalance = carry.escrowBalance();
      buyIns = carry.buyIns().stream().mapToInt(Integer::intValue).toArray();
      cashOuts = carry.cashOuts().stream().mapToInt(Integer::intValue).toArray();
      eventSeq = carry.eventSeq();
      run = carry.run();
      closing = carry.closing();
      ledgerPosts = carry.ledgerPosts();
      remembered.restore(carry.remembered());
    }
  }

  @Override
  public TableStatus run(TableStart input) {
    TableConfig config = input.config();
    if (input.carry() == null) {
      accounts = retryTask(() -> ledger.openTable(input.tableId(), config.currency()));
      escrowBalance = accounts.balance();
    }
    seeds = seedActivities.generate(prefix);
    epochFirstHand = state.handNumber() + 1;
    lock.lock();
    try {
      List<TableEvent> out = new ArrayList<>();
      out.add(
          new TableEvent.SeedCommitted(
              ++eventSeq,
              state.handNumber(),
              run,
              seeds.commitment(),
              seeds.clientSeed(),
              epochFirstHand));
      if (input.carry() == null) {
        out.add(new TableEvent.Listing(++eventSeq, state.handNumber(), summary()));
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
        commit(PokerEngine.startHand(state, seeds.round(state.handNumber() + 1)));
        handsThisRun++;
      } finally {
        lock.unlock();
      }
      playHand();
    }
  }

  private boolean canDeal() {
    if (!PokerEngine.canStartHand(state)) {
      return false;
    }
    int playing = 0;
    for (Seat s : state.seats()) {
      if (s.status() == SeatStatus.PLAYING && s.stack() > 0 && !s.leaving()) {
        playing++;
      }
    }
    return playing >= options.minPlayers();
  }

  private boolean runIsFull() {
    return state.hand() == null
        && (handsThisRun >= options.handsPerRun() || Workflow.getInfo().isContinueAsNewSuggested());
  }

  /** The action clock: one durable timer per turn; the clock checks or folds for the seat. */
  private void playHand() {
    while (state.hand() != null) {
      long seen = version;
      int toAct = state.hand().toAct();
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
        if (version == seen && state.hand() != null) {
          timeOut(toAct);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private void timeOut(int seat) {
    commit(PokerEngine.applyTimeout(state));
    Seat s = state.seat(seat);
    if (s.occupied()
        && s.status() == SeatStatus.PLAYING
        && !s.leaving()
        && s.consecutiveTimeouts() >= options.timeoutsBeforeSitOut()) {
      log.info(
          "{}: seat {} timed out {} times; sitting out", prefix, seat, s.consecutiveTimeouts());
      commit(PokerEngine.apply(state, seat, s.playerId(), new Action.SitOut()));
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
      for (Seat s : state.seats()) {
        if (s.occupied() && !s.leaving()) {
          commit(PokerEngine.apply(state, s.index(), s.playerId(), new Action.Leave()));
        }
      }
      append(List.of(revealed(), new TableEvent.Listing(++eventSeq, state.handNumber(), null)));
      closed = true;
    } finally {
      lock.unlock();
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
  }

  private TableEvent.SeedRevealed revealed() {
    return new TableEvent.SeedRevealed(
        ++eventSeq,
        state.handNumber(),
        run,
        seeds.commitment(),
        seeds.serverSeed(),
        seeds.clientSeed(),
        epochFirstHand,
        state.handNumber());
  }

  private TableCarry carry() {
    List<Integer> b = Arrays.stream(buyIns).boxed().toList();
    List<Integer> c = Arrays.stream(cashOuts).boxed().toList();
    return new TableCarry(
        state,
        accounts,
        escrowBalance,
        b,
        c,
        eventSeq,
        run + 1,
        closing,
        remembered.carried(),
        ledgerPosts);
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
    engineCheck(() -> PokerEngine.validate(state, r.seat(), r.playerId(), sitAction(r)));
  }

  @Override
  public TableAck sit(TableRequest.Sit r) {
    return answer(
        r,
        () -> {
          if (closing) {
            throw fail(ErrorCode.TABLE_CLOSED, "the table is closing");
          }
          engineCheck(() -> PokerEngine.validate(state, r.seat(), r.playerId(), sitAction(r)));
          buyIn(r.seat(), r.playerId(), r.buyIn());
          commit(engineCall(() -> PokerEngine.apply(state, r.seat(), r.playerId(), sitAction(r))));
        });
  }

  @Override
  public void validateAct(TableRequest.Act r) {
    if (remembered.find(r) != null) {
      return;
    }
    checkBetting(r);
    engineCheck(() -> PokerEngine.validate(state, r.seat(), r.playerId(), r.action()));
  }

  @Override
  public TableAck act(TableRequest.Act r) {
    return answer(
        r,
        () -> {
          checkBetting(r);
          commit(engineCall(() -> PokerEngine.apply(state, r.seat(), r.playerId(), r.action())));
        });
  }

  @Override
  public void validateChange(TableRequest.Change r) {
    if (remembered.find(r) != null) {
      return;
    }
    engineCheck(() -> PokerEngine.validate(state, r.seat(), r.playerId(), r.action()));
  }

  @Override
  public TableAck change(TableRequest.Change r) {
    return answer(
        r,
        () ->
            commit(engineCall(() -> PokerEngine.apply(state, r.seat(), r.playerId(), r.action()))));
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
    if (playerId != null) {
      for (Seat s : state.seats()) {
        if (playerId.equals(s.playerId())) {
          return PokerEngine.view(state, s.index());
        }
      }
    }
    return PokerEngine.spectatorView(state);
  }

  @Override
  public TableSnapshot snapshot(String playerId) {
    boolean clockRunning =
        state.hand() != null && state.hand().toAct() >= 0 && turnVersion == version;
    return new TableSnapshot(
        summary(),
        view(playerId),
        eventSeq,
        options.actionTimeout().toMillis(),
        clockRunning ? turnDeadline : 0,
        closing || closed);
  }

  @Override
  public TableSummary summary() {
    TableConfig c = start.config();
    return new TableSummary(
        start.tableId(),
        start.name(),
        c.smallBlind() + "/" + c.bigBlind(),
        c.currency(),
        c.seatCount(),
        seated(state),
        c.minBuyIn(),
        c.maxBuyIn());
  }

  @Override
  public TableStatus status() {
    return new TableStatus(
        start.tableId(),
        run,
        state.handNumber(),
        state.hand() != null,
        seated(state),
        escrowBalance,
        PokerEngine.chipsInPlay(state),
        state.totalBuyIns(),
        state.totalCashOuts(),
        state.totalRake(),
        ledgerPosts,
        eventSeq,
        seeds == null ? null : seeds.commitment(),
        closing,
        closed);
  }

  // ---- One step: state, money, events, invariants ----

  private void commit(Transition t) {
    int seatedBefore = seated(state);
    state = t.state();
    version++;
    List<TableEvent> out = new ArrayList<>();
    for (PublicEvent e : t.events()) {
      out.add(new TableEvent.Public(++eventSeq, handOf(e), e));
    }
    for (HoleCardsDealt h : t.holeCards()) {
      out.add(new TableEvent.HoleCards(++eventSeq, h.handNumber(), h));
    }
    if (seated(state) != seatedBefore) {
      out.add(new TableEvent.Listing(++eventSeq, state.handNumber(), summary()));
    }
    for (PublicEvent e : t.events()) {
      if (e instanceof PublicEvent.HandEnded ended && ended.rake() > 0) {
        String key = prefix + "/hand-" + ended.handNumber() + "/rake";
        postOrFailTask(
            transfer(key, TableTransfer.Kind.RAKE, null, -1, ended.handNumber(), ended.rake()));
        escrowBalance -= ended.rake();
      } else if (e instanceof PublicEvent.PlayerLeft left && left.cashOut() > 0) {
        cashOut(left.seat(), left.playerId(), left.cashOut());
      }
    }
    append(out);
    checkConservation();
  }

  private void buyIn(int seat, String playerId, long amount) {
    while (true) {
      String key = prefix + "/seat-" + seat + "/buyin-" + (buyIns[seat] + 1);
      TableTransfer transfer =
          transfer(key, TableTransfer.Kind.BUY_IN, playerId, seat, state.handNumber(), amount);
      try {
        observe(ledger.post(transfer), amount);
        buyIns[seat]++;
        escrowBalance += amount;
        return;
      } catch (ActivityFailure f) {
        String code = failureType(f);
        if (ErrorCode.IDEMPOTENCY_CONFLICT.name().equals(code)) {
          skipOrphan(key);
          buyIns[seat]++;
          continue;
        }
        if (code != null && isCatalogued(code)) {
          throw fail(ErrorCode.valueOf(code), "the buy-in was not posted: " + code);
        }
        log.warn("{}: buy-in {} outcome unknown after retries", prefix, key);
        throw fail(
            ErrorCode.UNAVAILABLE,
            "the wallet did not answer; the buy-in is reconciled by its key on the next sit");
      }
    }
  }

  private void cashOut(int seat, String playerId, long amount) {
    while (true) {
      String key = prefix + "/seat-" + seat + "/cashout-" + (cashOuts[seat] + 1);
      TableTransfer transfer =
          transfer(key, TableTransfer.Kind.CASH_OUT, playerId, seat, state.handNumber(), amount);
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

  private void postOrFailTask(TableTransfer transfer) {
    try {
      observe(ledger.post(transfer), -transfer.amount());
    } catch (ActivityFailure f) {
      throw new IllegalStateException(
          transfer.idempotencyKey() + " failed; retrying the workflow task", f);
    }
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
    PokerEngine.checkInvariants(state);
    long chips = PokerEngine.chipsInPlay(state);
    if (chips != escrowBalance) {
      throw new IllegalStateException(
          prefix + ": escrow " + escrowBalance + " != stacks + pot " + chips);
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

  private long handOf(PublicEvent e) {
    return switch (e) {
      case PublicEvent.HandStarted h -> h.handNumber();
      case PublicEvent.BlindPosted h -> h.handNumber();
      case PublicEvent.ActionTaken h -> h.handNumber();
      case PublicEvent.ActionRequired h -> h.handNumber();
      case PublicEvent.BoardDealt h -> h.handNumber();
      case PublicEvent.UncalledBetReturned h -> h.handNumber();
      case PublicEvent.CardsShown h -> h.handNumber();
      case PublicEvent.PotAwarded h -> h.handNumber();
      case PublicEvent.HandEnded h -> h.handNumber();
      default -> state.handNumber();
    };
  }

  private static int seated(TableState s) {
    int n = 0;
    for (Seat seat : s.seats()) {
      if (seat.occupied()) {
        n++;
      }
    }
    return n;
  }

  // ---- Requests: idempotency and checks ----

  private TableAck remember(TableRequest r) {
    Seat s = state.seat(r.seat());
    TableAck ack =
        new TableAck(
            r.requestId(),
            r.seat(),
            r.playerId().equals(s.playerId()) ? s.stack() : 0,
            state.handNumber(),
            state.hand() != null,
            eventSeq);
    remembered.remember(new RememberedAck(r.requestId(), r.fingerprint(), ack));
    return ack;
  }

  private static void checkBetting(TableRequest.Act r) {
    if (r.action() == null || !r.action().inHand()) {
      throw fail(
          ErrorCode.ILLEGAL_ACTION, "act takes fold, check, call, bet, raise or all-in only");
    }
  }

  private static Action.Sit sitAction(TableRequest.Sit r) {
    return new Action.Sit(r.playerId(), r.buyIn());
  }

  private static void engineCheck(Runnable check) {
    try {
      check.run();
    } catch (CroupierException e) {
      throw fail(e.code(), e.getMessage());
    }
  }

  private static Transition engineCall(Supplier<Transition> call) {
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
