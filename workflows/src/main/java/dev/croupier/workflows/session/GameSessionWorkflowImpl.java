package dev.croupier.workflows.session;

import static dev.croupier.workflows.WorkflowFailures.fail;
import static dev.croupier.workflows.WorkflowFailures.failureType;
import static dev.croupier.workflows.WorkflowFailures.isCatalogued;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.GameDescriptor;
import dev.croupier.games.api.PostingKind;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.SessionStarted;
import dev.croupier.games.api.SessionState;
import dev.croupier.games.api.Wager;
import dev.croupier.workflows.LocalActivities;
import dev.croupier.workflows.RememberedRequests;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The game session workflow. Every plugin, seed, ledger and projection call is a local activity:
 * one bet is one workflow task, the same cost as the engine's floor of one Update and one local
 * activity, and the results are recorded as markers so that replay never re-runs them.
 *
 * <p>Exactly-once: each round is posted under {@code session-<id>/round-<n>}. A crash before the
 * workflow task completes loses the markers, not the money: the retried task re-runs the pure
 * plugin call and re-posts under the same key, and the wallet answers with the original result. A
 * round posted by a request the session never recorded (its update was lost with a server restart
 * and never retried) is found by key and adopted before the round number is used again, and before
 * the session closes.
 *
 * <p>A round that hits the progressive jackpot is paid right after it is posted, under {@code
 * session-<id>/round-<n>/jackpot}, with the same exactly-once argument; an adopted round that hit
 * is paid when it is adopted (the same key again, so never twice).
 */
public class GameSessionWorkflowImpl implements GameSessionWorkflow {
  private static final Logger log = Workflow.getLogger(GameSessionWorkflowImpl.class);
  private static final int LAST_RESULTS = 10;
  static final String ONE_IDLE_TIMER = "one-idle-timer";
  static final String PAY_JACKPOT = "pay-jackpot";
  static final String RECORD_UNKNOWN_ROUNDS = "record-unknown-rounds";
  static final String REVIEW_MISMATCHES = "review-mismatches";
  // Between two lookups of a round whose outcome is unknown: durable timers, doubling to a minute.
  private static final Duration FIRST_LOOKUP = Duration.ofSeconds(1);
  private static final Duration LAST_LOOKUP = Duration.ofMinutes(1);

  // Local activity markers keep results only (see LocalActivities), but for the seeds'.
  private final GamePluginActivities game =
      Workflow.newLocalActivityStub(
          GamePluginActivities.class,
          LocalActivities.quick().setDoNotIncludeArgumentsIntoMarker(true).build());
  private final SeedActivities seedActivities =
      Workflow.newLocalActivityStub(SeedActivities.class, LocalActivities.quick().build());
  // Bounded: about 20 s of retries. After that the round's outcome is unknown to this run; it is
  // reconciled by key (findRound) before the round number is used again.
  private final LedgerActivities ledger =
      Workflow.newLocalActivityStub(LedgerActivities.class, LocalActivities.retried().build());
  private final SessionProjectionActivities projection =
      Workflow.newLocalActivityStub(
          SessionProjectionActivities.class, LocalActivities.retried().build());
  private final ComplianceActivities compliance =
      Workflow.newLocalActivityStub(ComplianceActivities.class, LocalActivities.retried().build());

  private final SessionStart start;
  private final SessionOptions options;
  private boolean ready;
  private SessionState state;
  private GameDescriptor descriptor;
  private Seeds seeds;
  private String nextClientSeed;
  private SessionAccounts accounts;
  private long balance;
  private SessionTotals totals = SessionTotals.ZERO;
  private long openedAtMillis;
  private int run = 1;
  private int roundsThisRun;
  private SessionStatus status = SessionStatus.OPEN;
  private boolean closing;
  private boolean closed;
  private String revealedServerSeed;
  private boolean roundInFlight;
  private UnknownRound unknownRound;
  // The unresolved alert that holds betting; null while the records agree.
  private ComplianceAlert review;
  private long activity;
  private long lastActivityMillis = Workflow.currentTimeMillis();
  private final RememberedRequests<BetRequest, RememberedRequest> remembered;
  private final Deque<RoundOutcome> lastResults = new ArrayDeque<>();

  /**
   * Runs before any update, signal or query of the run is handled, so that validators and queries
   * of a run's first workflow task (for example a bet retried right after continue-as-new) see the
   * session's identity and the carried state.
   */
  @WorkflowInit
  public GameSessionWorkflowImpl(SessionStart input) {
    this.start = input;
    this.options = input.options();
    this.remembered =
        new RememberedRequests<>(
            options.rememberedRequests(),
            BetRequest::requestId,
            r -> r.request().requestId(),
            (r, request) -> r.request().equals(request));
    if (input.carry() != null) {
      restore(input.carry());
    }
  }

  @Override
  public SessionSummary run(SessionStart input) {
    if (input.carry() == null) {
      open(input);
    }
    ready = true;
    // Version 1 keeps one idle timer per idle period instead of one per bet: the first version
    // left a pending timer behind every bet, each of which later woke the workflow for nothing.
    if (Workflow.getVersion(ONE_IDLE_TIMER, Workflow.DEFAULT_VERSION, 1) == 1) {
      serveWithOneIdleTimer(input);
    } else {
      serveWithATimerPerBet(input);
    }
    Workflow.await(() -> closed && Workflow.isEveryHandlerFinished());
    return summary();
  }

  private void serveWithOneIdleTimer(SessionStart input) {
    while (!closed) {
      long idleFor = Workflow.currentTimeMillis() - lastActivityMillis;
      Duration remaining =
          Duration.ofMillis(Math.max(options.idleTimeout().toMillis() - idleFor, 1_000));
      Workflow.await(remaining, () -> closed || closing || shouldContinueAsNew());
      if (closed || closing) {
        break;
      }
      if (shouldContinueAsNew()) {
        Workflow.continueAsNew(input.continued(carry()));
      }
      boolean idle =
          Workflow.currentTimeMillis() - lastActivityMillis >= options.idleTimeout().toMillis();
      if (idle && !roundInFlight && Workflow.isEveryHandlerFinished()) {
        log.info("session {} idle for {}; closing", input.sessionId(), options.idleTimeout());
        finish(SessionStatus.CLOSED_IDLE);
      }
    }
  }

  private void serveWithATimerPerBet(SessionStart input) {
    while (!closed) {
      long seen = activity;
      boolean woke =
          Workflow.await(
              options.idleTimeout(),
              () -> activity != seen || closed || shouldContinueAsNew() || closing);
      if (closed || closing) {
        break;
      }
      if (shouldContinueAsNew()) {
        Workflow.continueAsNew(input.continued(carry()));
      }
      if (!woke && !roundInFlight && Workflow.isEveryHandlerFinished()) {
        log.info("session {} idle for {}; closing", input.sessionId(), options.idleTimeout());
        finish(SessionStatus.CLOSED_IDLE);
      }
    }
  }

  private void open(SessionStart input) {
    openedAtMillis = Workflow.currentTimeMillis();
    Workflow.upsertTypedSearchAttributes(
        SessionSearchAttributes.USER_ID.valueSet(input.userId().toString()),
        SessionSearchAttributes.GAME_ID.valueSet(input.game().toString()),
        SessionSearchAttributes.STATUS.valueSet(SessionStatus.OPEN.name()));
    SessionStarted started =
        game.initSession(
            new InitSession(
                input.sessionId(), input.userId(), input.game(), options.gameOptions()));
    state = started.state();
    descriptor = started.descriptor();
    seeds = seedActivities.generate(input.clientSeed());
    accounts = retryTask(() -> ledger.openAccounts(input.userId(), descriptor.currency()));
    balance = accounts.playerBalance();
    SessionRecord row =
        new SessionRecord(
            input.sessionId(),
            input.userId(),
            input.game(),
            descriptor.currency(),
            seeds.commitment(),
            seeds.clientSeed(),
            openedAtMillis,
            descriptor.contentHash());
    retryTaskRun(() -> projection.openSession(row));
  }

  private void restore(SessionCarry carry) {
    state = carry.state();
    descriptor = carry.descriptor();
    seeds = carry.seeds();
    accounts = carry.accounts();
    balance = carry.balance();
    totals = carry.totals();
    openedAtMillis = carry.openedAtMillis();
    run = carry.run();
    remembered.restore(carry.remembered());
    lastResults.addAll(carry.lastResults());
    review = carry.review();
  }

  private SessionCarry carry() {
    applyClientSeed();
    return new SessionCarry(
        state,
        descriptor,
        seeds,
        accounts,
        balance,
        totals,
        openedAtMillis,
        run + 1,
        remembered.carried(),
        new ArrayList<>(lastResults),
        review);
  }

  private boolean shouldContinueAsNew() {
    return roundsThisRun >= options.continueAsNewEvery()
        && !roundInFlight
        && !closing
        && Workflow.isEveryHandlerFinished();
  }

  @Override
  public void validatePlaceBet(BetRequest request) {
    if (remembered.find(request) != null) {
      return;
    }
    checkBet(request);
  }

  @Override
  public BetOutcome placeBet(BetRequest request) {
    Workflow.await(() -> ready);
    RememberedRequest prior = remembered.find(request);
    if (prior != null) {
      return prior.outcome();
    }
    checkBet(request);
    roundInFlight = true;
    touch();
    try {
      List<RoundOutcome> rounds = new ArrayList<>();
      String stoppedBy = null;
      for (int i = 0; i < request.spins(); i++) {
        if (closing) {
          stoppedBy = ErrorCode.SESSION_CLOSED.name();
          break;
        }
        try {
          rounds.add(playRound(request));
        } catch (ApplicationFailure f) {
          if (rounds.isEmpty()) {
            throw f;
          }
          stoppedBy = f.getType();
          break;
        }
      }
      BetOutcome outcome = new BetOutcome(request.requestId(), rounds, balance, stoppedBy);
      remembered.remember(new RememberedRequest(request, outcome));
      return outcome;
    } finally {
      roundInFlight = false;
      touch();
    }
  }

  private RoundOutcome playRound(BetRequest request) {
    applyClientSeed();
    long n = state.round() + 1;
    PlayedRound played =
        game.playRound(
            new PlayRound(
                state,
                request.wager(),
                seeds.round(n),
                Map.of("requestId", request.requestId()),
                descriptor.contentHash()));
    RoundPosting posting = posting(played, n, request.requestId(), request.spins());
    PostedRound posted = null;
    Duration wait = FIRST_LOOKUP;
    while (posted == null) {
      try {
        posted = ledger.postRound(posting);
      } catch (ActivityFailure f) {
        String code = failureType(f);
        if (ErrorCode.IDEMPOTENCY_CONFLICT.name().equals(code) && adoptOrphan(n)) {
          unknownRound = null;
          if (review != null) {
            throw underReview();
          }
          return playRound(request);
        }
        if (code != null && isCatalogued(code)) {
          unknownRound = null;
          throw fail(ErrorCode.valueOf(code), "the round was not posted: " + code);
        }
        if (unknownRound == null
            && Workflow.getVersion(RECORD_UNKNOWN_ROUNDS, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION) {
          // Sessions recorded before: the bet failed and the next round reconciled the key.
          log.warn("round {} of {}: wallet outcome unknown after retries", n, start.sessionId());
          throw fail(
              ErrorCode.UNAVAILABLE,
              "the wallet did not answer; the round is reconciled by its key before the next one");
        }
        if (unknownRound == null) {
          log.warn(
              "round {} of {}: wallet outcome unknown after retries; looking it up by key",
              n,
              start.sessionId());
          unknownRound = new UnknownRound(n, posting.idempotencyKey(), request.requestId());
        }
        // The same post under the same key is the lookup: posted before, the wallet answers with
        // the original result (replayed); not posted, it is posted now.
        Workflow.sleep(wait);
        wait = wait.multipliedBy(2).compareTo(LAST_LOOKUP) > 0 ? LAST_LOOKUP : wait.multipliedBy(2);
      }
    }
    if (unknownRound != null) {
      log.info("round {} of {}: outcome found by key", n, start.sessionId());
      unknownRound = null;
    }
    return record(played, posted, request.requestId());
  }

  private RoundOutcome record(PlayedRound played, PostedRound posted, String requestId) {
    RoundResult result = played.result();
    long n = result.round();
    state = result.state();
    JackpotPaid jackpot = result.jackpotHit() ? payJackpot(result) : JackpotPaid.NOTHING;
    long balanceAfter = jackpot.amountWon() > 0 ? jackpot.winnerBalance() : posted.playerBalance();
    balance = balanceAfter;
    totals = totals.plus(result.stake(), result.totalWin());
    roundsThisRun++;
    long now = Workflow.currentTimeMillis();
    RoundRecord row =
        new RoundRecord(
            start.sessionId(),
            start.userId(),
            n,
            requestId,
            result.stake(),
            descriptor.currency(),
            result.outcome(),
            result.totalWin(),
            played.total(PostingKind.JACKPOT_CONTRIBUTION),
            result.jackpotHit(),
            n,
            seeds.clientSeed(),
            result.txRef(),
            posted.transactionId(),
            posted.playerBalance(),
            now,
            jackpot.amountWon(),
            jackpot.transactionId());
    retryTaskRun(() -> projection.recordRound(row));
    RoundOutcome outcome =
        new RoundOutcome(
            n,
            result.stake(),
            result.totalWin(),
            result.jackpotHit(),
            result.outcome(),
            posted.transactionId(),
            balanceAfter,
            jackpot.amountWon());
    lastResults.addLast(outcome);
    while (lastResults.size() > LAST_RESULTS) {
      lastResults.removeFirst();
    }
    return outcome;
  }

  /**
   * Pays the jackpot of a round that hit it. Sessions that started before jackpots were paid here
   * (version {@code DEFAULT_VERSION} of {@code "pay-jackpot"}) replay without the call. The payout
   * is owed once the round is posted, so no failure ends the round without it: after the activity's
   * retries the workflow task fails and is retried, and the retried task posts the round and pays
   * the jackpot again under the same keys, which the wallet answers with the original results.
   */
  private JackpotPaid payJackpot(RoundResult result) {
    if (Workflow.getVersion(PAY_JACKPOT, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return JackpotPaid.NOTHING;
    }
    JackpotPayout payout =
        JackpotPayout.of(result.txRef(), start.sessionId(), result.round(), accounts);
    try {
      JackpotPaid paid = ledger.payJackpot(payout);
      log.info(
          "session {} round {}: jackpot of {} paid (transaction {})",
          start.sessionId(),
          result.round(),
          paid.amountWon(),
          paid.transactionId());
      return paid;
    } catch (ActivityFailure f) {
      log.error(
          "session {} round {}: jackpot not paid ({}); retrying the workflow task",
          start.sessionId(),
          result.round(),
          failureType(f));
      throw new IllegalStateException("the jackpot of round " + result.round() + " is unpaid", f);
    }
  }

  /**
   * Adopts round {@code n} if the ledger holds a post for it that this session never recorded: the
   * round is replayed with the posted wager and client seed, recorded, and remembered under its
   * request id, so that a retry of that request gets its answer instead of a second round.
   */
  private boolean adoptOrphan(long n) {
    String key = state.txRef(n);
    PostedRound orphan = retryTask(() -> ledger.findRound(key));
    if (orphan == null) {
      return false;
    }
    log.warn("session {}: adopting round {} posted by request {}", start.sessionId(), n, orphan);
    Seeds roundSeeds = seeds.withClientSeed(orphan.clientSeed());
    Wager wager = new Wager(orphan.stake(), orphan.currency());
    PlayedRound played =
        game.playRound(
            new PlayRound(
                state,
                wager,
                roundSeeds.round(n),
                Map.of("requestId", orphan.requestId()),
                descriptor.contentHash()));
    if (played.result().totalWin() != orphan.win()) {
      log.error("session {} round {}: replayed win differs from the ledger", start.sessionId(), n);
      // Sessions recorded before only logged it; now betting stops until compliance resolves it.
      if (Workflow.getVersion(REVIEW_MISMATCHES, Workflow.DEFAULT_VERSION, 1) == 1) {
        holdForReview(n, orphan, played, roundSeeds.clientSeed());
      }
    }
    Seeds current = seeds;
    seeds = roundSeeds;
    RoundOutcome outcome = record(played, orphan, orphan.requestId());
    seeds = current;
    BetRequest original =
        new BetRequest(orphan.requestId(), start.userId(), wager, Math.max(1, orphan.spins()));
    RememberedRequest prior = remembered.get(orphan.requestId());
    List<RoundOutcome> rounds = new ArrayList<>();
    if (prior != null) {
      rounds.addAll(prior.outcome().rounds());
    }
    rounds.add(outcome);
    remembered.remember(
        new RememberedRequest(
            original, new BetOutcome(orphan.requestId(), rounds, outcome.balanceAfter(), null)));
    return true;
  }

  private void holdForReview(long n, PostedRound orphan, PlayedRound played, String clientSeed) {
    RoundResult result = played.result();
    ComplianceAlert alert =
        new ComplianceAlert(
            ComplianceAlert.idOf(start.sessionId(), n),
            ComplianceAlert.ROUND_MISMATCH,
            start.sessionId(),
            start.userId(),
            start.game().toString(),
            n,
            Workflow.currentTimeMillis(),
            new ComplianceAlert.Version(
                orphan.transactionId(),
                orphan.requestId(),
                orphan.clientSeed(),
                orphan.stake(),
                orphan.win(),
                orphan.currency(),
                Map.of()),
            new ComplianceAlert.Version(
                0,
                orphan.requestId(),
                clientSeed,
                result.stake(),
                result.totalWin(),
                descriptor.currency(),
                result.outcome()),
            null,
            null);
    retryTaskRun(() -> compliance.raiseAlert(alert));
    review = alert;
  }

  private ApplicationFailure underReview() {
    return fail(
        ErrorCode.SESSION_UNDER_REVIEW,
        "the session is under compliance review ("
            + review.alertId()
            + "); no bets until resolved");
  }

  @Override
  public void resolveReview(ReviewResolution resolution) {
    if (review != null && review.alertId().equals(resolution.alertId())) {
      log.info(
          "session {}: alert {} resolved by {}",
          start.sessionId(),
          review.alertId(),
          resolution.resolvedBy());
      review = null;
      touch();
    }
  }

  private RoundPosting posting(PlayedRound played, long n, String requestId, int spins) {
    RoundResult result = played.result();
    return new RoundPosting(
        result.txRef(),
        start.sessionId(),
        n,
        requestId,
        spins,
        seeds.clientSeed(),
        start.game().toString(),
        accounts,
        played.total(PostingKind.STAKE),
        played.total(PostingKind.WIN),
        played.total(PostingKind.JACKPOT_CONTRIBUTION),
        result.jackpotHit());
  }

  private void checkBet(BetRequest request) {
    if (!start.userId().equals(request.userId())) {
      throw fail(ErrorCode.NOT_YOUR_SESSION, "the session belongs to another player");
    }
    if (status != SessionStatus.OPEN || closing) {
      throw fail(ErrorCode.SESSION_CLOSED, "the session is closed");
    }
    if (roundInFlight) {
      throw fail(ErrorCode.ROUND_IN_PROGRESS, "round " + (state.round() + 1) + " is being played");
    }
    if (review != null) {
      throw underReview();
    }
    if (request.spins() < 1) {
      throw fail(ErrorCode.VALIDATION_FAILED, "spins must be at least 1");
    }
    if (request.spins() > 1 && !options.autoSpinEnabled()) {
      throw fail(ErrorCode.FEATURE_DISABLED, "auto-spin is off");
    }
    if (request.spins() > 1 && request.spins() > options.autoSpinMax()) {
      throw fail(ErrorCode.VALIDATION_FAILED, "at most " + options.autoSpinMax() + " spins");
    }
    if (descriptor != null) {
      try {
        descriptor.validate(request.wager());
      } catch (CroupierException e) {
        throw fail(e.code(), e.getMessage());
      }
    }
  }

  @Override
  public void validateClose(CloseRequest request) {
    if (!start.userId().equals(request.userId())) {
      throw fail(ErrorCode.NOT_YOUR_SESSION, "the session belongs to another player");
    }
  }

  @Override
  public SessionSummary close(CloseRequest request) {
    validateClose(request);
    Workflow.await(() -> ready);
    touch();
    if (closing) {
      Workflow.await(() -> closed);
    } else {
      finish(SessionStatus.CLOSED);
    }
    return summary();
  }

  private void finish(SessionStatus finalStatus) {
    closing = true;
    Workflow.await(() -> !roundInFlight);
    // A round posted under the next key by a request this session never recorded is adopted, so
    // the projection and the totals match the ledger when the seed is revealed.
    while (adoptOrphan(state.round() + 1)) {
      log.info("session {}: adopted round {} before closing", start.sessionId(), state.round());
    }
    status = finalStatus;
    revealedServerSeed = seeds.serverSeed();
    SessionClosed row =
        new SessionClosed(
            start.sessionId(),
            finalStatus,
            revealedServerSeed,
            Workflow.currentTimeMillis(),
            totals);
    retryTaskRun(() -> projection.closeSession(row));
    Workflow.upsertTypedSearchAttributes(
        SessionSearchAttributes.STATUS.valueSet(finalStatus.name()));
    closed = true;
  }

  @Override
  public SessionView state() {
    return new SessionView(
        start.sessionId(),
        start.userId(),
        start.game(),
        status,
        ready,
        state == null ? 0 : state.round(),
        roundInFlight,
        balance,
        seeds == null ? null : seeds.commitment(),
        seeds == null ? start.clientSeed() : currentClientSeed(),
        revealedServerSeed,
        totals,
        new ArrayList<>(lastResults),
        unknownRound);
  }

  @Override
  public void validateChooseClientSeed(ClientSeedRequest request) {
    checkClientSeed(request);
  }

  @Override
  public String chooseClientSeed(ClientSeedRequest request) {
    Workflow.await(() -> ready);
    checkClientSeed(request);
    seeds = seeds.withClientSeed(request.clientSeed());
    nextClientSeed = null;
    touch();
    return seeds.clientSeed();
  }

  private void checkClientSeed(ClientSeedRequest request) {
    if (!start.userId().equals(request.userId())) {
      throw fail(ErrorCode.NOT_YOUR_SESSION, "the session belongs to another player");
    }
    if (status != SessionStatus.OPEN || closing) {
      throw fail(ErrorCode.SESSION_CLOSED, "the session is closed");
    }
    if (!request.clientSeed().matches(ClientSeedRequest.PATTERN)) {
      throw fail(
          ErrorCode.VALIDATION_FAILED,
          "a client seed is 1 to 64 printable ASCII characters, no spaces");
    }
    if (roundInFlight || unknownRound != null || (state != null && state.round() > 0)) {
      throw fail(
          ErrorCode.CLIENT_SEED_LOCKED,
          "the client seed is fixed once a round is played; open a new session for another");
    }
  }

  @Override
  public void changeClientSeed(String clientSeed) {
    if (clientSeed != null && clientSeed.matches("[\\x21-\\x7e]{1,64}") && !closing) {
      nextClientSeed = clientSeed;
      touch();
    }
  }

  private String currentClientSeed() {
    return nextClientSeed != null ? nextClientSeed : seeds.clientSeed();
  }

  private void applyClientSeed() {
    if (nextClientSeed != null && seeds != null) {
      seeds = seeds.withClientSeed(nextClientSeed);
      nextClientSeed = null;
    }
  }

  private void touch() {
    activity++;
    lastActivityMillis = Workflow.currentTimeMillis();
  }

  private SessionSummary summary() {
    return new SessionSummary(
        start.sessionId(),
        start.userId(),
        start.game(),
        status,
        seeds.commitment(),
        revealedServerSeed,
        seeds.clientSeed(),
        totals,
        balance);
  }

  /**
   * Runs an infrastructure call whose failure must not fail the session or the update: after the
   * activity's own retries, the workflow task fails and Temporal retries it, which re-runs the
   * idempotent calls of the task.
   */
  private static void retryTaskRun(Runnable call) {
    try {
      call.run();
    } catch (ActivityFailure f) {
      throw new IllegalStateException("infrastructure call failed; retrying the workflow task", f);
    }
  }

  private static <T> T retryTask(Supplier<T> call) {
    try {
      return call.get();
    } catch (ActivityFailure f) {
      if (f.getCause() instanceof ApplicationFailure af && af.isNonRetryable()) {
        throw f;
      }
      throw new IllegalStateException("infrastructure call failed; retrying the workflow task", f);
    }
  }
}
