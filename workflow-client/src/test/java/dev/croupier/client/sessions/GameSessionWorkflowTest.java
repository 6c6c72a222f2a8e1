package dev.croupier.client.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.croupier.client.CallSettings;
import dev.croupier.client.testing.HistoryPayloads;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.Wager;
import dev.croupier.games.api.fake.FakeCoinFlipGame;
import dev.croupier.games.rng.Commitment;
import dev.croupier.games.rng.FairRng;
import dev.croupier.games.rng.Verifier;
import dev.croupier.workflows.session.BetOutcome;
import dev.croupier.workflows.session.ComplianceAlert;
import dev.croupier.workflows.session.GameSessionWorkflow;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.ReviewResolution;
import dev.croupier.workflows.session.RoundOutcome;
import dev.croupier.workflows.session.RoundPosting;
import dev.croupier.workflows.session.RoundRecord;
import dev.croupier.workflows.session.Seeds;
import dev.croupier.workflows.session.SessionAccounts;
import dev.croupier.workflows.session.SessionOptions;
import dev.croupier.workflows.session.SessionStart;
import dev.croupier.workflows.session.SessionStatus;
import dev.croupier.workflows.session.SessionSummary;
import dev.croupier.workflows.session.SessionView;
import dev.croupier.workflows.session.UnknownRound;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session workflow on the time-skipping test server, with the real plugins (fake coin flip and
 * the slot), real seeds, and in-memory stand-ins for the wallet and the projection.
 */
class GameSessionWorkflowTest {
  static final String QUEUE = "game-sessions-test";
  static final GameRef SLOT = new GameRef("slot-classic", "1.0.0");
  static final SessionOptions OPTIONS =
      SessionOptions.DEFAULTS.withIdleTimeout(Duration.ofMinutes(5));

  private SessionTestServer server;
  private final InMemoryLedger ledger = new InMemoryLedger();
  private final InMemoryProjection projection = new InMemoryProjection();
  private WorkflowClient client;
  private GameSessions sessions;
  private final UUID user = UUID.randomUUID();

  @BeforeEach
  void startEnvironment() {
    server = new SessionTestServer(QUEUE, new FreshSeeds(), ledger, projection);
    client = server.client;
    sessions = server.sessions;
  }

  @AfterEach
  void stopEnvironment() {
    server.close();
  }

  private static Wager coins(long amount) {
    return new Wager(amount, Wager.COIN);
  }

  @Test
  void betReturnsTheOutcomeAndTheNewBalanceAndPostsOneAtomicRound() {
    ledger.fund(user, 1_000);
    OpenedSession s = sessions.open(user, FakeCoinFlipGame.REF, "my-seed", OPTIONS);
    assertThat(s.commitment()).hasSize(64);
    assertThat(s.balance()).isEqualTo(1_000);

    BetOutcome outcome = sessions.placeBet(user, s.sessionId(), "req-1", coins(10));

    RoundOutcome round = outcome.last();
    assertThat(round.round()).isEqualTo(1);
    assertThat(round.totalWin()).isIn(0L, 20L);
    assertThat(outcome.balance()).isEqualTo(1_000 - 10 + round.totalWin());
    assertThat(ledger.balanceOf(user)).isEqualTo(outcome.balance());
    RoundPosting posted = ledger.requests.get("session-" + s.sessionId() + "/round-1");
    assertThat(posted.stake()).isEqualTo(10);
    assertThat(posted.win()).isEqualTo(round.totalWin());
    assertThat(posted.requestId()).isEqualTo("req-1");
    RoundRecord row = projection.rounds.get(s.sessionId() + "/1");
    assertThat(row.ledgerTransactionId()).isEqualTo(round.ledgerTransactionId());
    assertThat(row.clientSeed()).isEqualTo("my-seed");
    assertThat(sessions.state(user, s.sessionId()).lastResults()).containsExactly(round);
  }

  @Test
  void validatorRejectsBadBetsBeforeAnythingReachesTheHistory() {
    ledger.fund(user, 1_000_000);
    OpenedSession s = sessions.open(user, SLOT, null, OPTIONS);
    UUID id = s.sessionId();

    assertCode(
        () -> sessions.placeBet(user, id, "a", new Wager(100, "CASH")), ErrorCode.WRONG_CURRENCY);
    assertCode(() -> sessions.placeBet(user, id, "b", coins(50)), ErrorCode.BET_BELOW_MINIMUM);
    assertCode(() -> sessions.placeBet(user, id, "c", coins(200_000)), ErrorCode.BET_ABOVE_MAXIMUM);
    assertCode(() -> sessions.placeBet(user, id, "d", coins(150)), ErrorCode.INVALID_WAGER);
    assertCode(
        () -> sessions.placeBet(UUID.randomUUID(), id, "e", coins(100)),
        ErrorCode.NOT_YOUR_SESSION);
    assertCode(() -> sessions.autoSpin(user, id, "f", coins(100), 3), ErrorCode.FEATURE_DISABLED);
    sessions.placeBet(user, id, "ok", coins(100));

    assertThat(events(id, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).hasSize(1);
    assertThat(ledger.calls.get()).isEqualTo(1);
  }

  @Test
  void thePlayersClientSeedChosenAfterTheCommitmentDealsEveryRoundAndIsThenFixed() {
    ledger.fund(user, 1_000);
    OpenedSession s = sessions.open(user, FakeCoinFlipGame.REF, null, OPTIONS);
    UUID id = s.sessionId();
    assertThat(s.clientSeed()).isNotEqualTo("chosen-by-me");

    // Refused before anything reaches the history: another player's, a bad seed.
    assertCode(
        () -> sessions.chooseClientSeed(UUID.randomUUID(), id, "s0", "x"),
        ErrorCode.NOT_YOUR_SESSION);
    assertCode(
        () -> sessions.chooseClientSeed(user, id, "s1", "has space"), ErrorCode.VALIDATION_FAILED);
    assertCode(
        () -> sessions.chooseClientSeed(user, id, "s2", "x".repeat(65)),
        ErrorCode.VALIDATION_FAILED);
    assertThat(events(id, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)).isEmpty();

    assertThat(sessions.chooseClientSeed(user, id, "s3", "first-choice")).isEqualTo("first-choice");
    assertThat(sessions.chooseClientSeed(user, id, "s4", "chosen-by-me")).isEqualTo("chosen-by-me");
    assertThat(sessions.state(user, id).clientSeed()).isEqualTo("chosen-by-me");
    sessions.placeBet(user, id, "r1", coins(10));
    sessions.placeBet(user, id, "r2", coins(10));

    assertThat(projection.rounds.get(id + "/1").clientSeed()).isEqualTo("chosen-by-me");
    assertThat(projection.rounds.get(id + "/2").clientSeed()).isEqualTo("chosen-by-me");
    assertCode(
        () -> sessions.chooseClientSeed(user, id, "s5", "too-late"), ErrorCode.CLIENT_SEED_LOCKED);
    SessionSummary summary = sessions.close(user, id);
    assertThat(summary.clientSeed()).isEqualTo("chosen-by-me");
    assertCode(
        () -> sessions.chooseClientSeed(user, id, "s6", "after-close"), ErrorCode.SESSION_CLOSED);
  }

  @Test
  void slotRoundPostsStakeWinAndJackpotContributionTogether() {
    ledger.fund(user, 100_000);
    OpenedSession s = sessions.open(user, SLOT, "slot-seed", OPTIONS);

    RoundOutcome round = sessions.placeBet(user, s.sessionId(), "spin-1", coins(1_000)).last();

    RoundPosting posted = ledger.requests.get("session-" + s.sessionId() + "/round-1");
    assertThat(posted.stake()).isEqualTo(1_000);
    assertThat(posted.jackpotContribution()).isEqualTo(10);
    assertThat(posted.win()).isEqualTo(round.totalWin());
    assertThat(ledger.balances.get(InMemoryLedger.POOL)).isEqualTo(10);
    assertThat(round.outcome()).containsKeys("spins", "totalWin", "jackpotHit");
  }

  @Test
  void sameRequestIdGivesOneBetAndTheSameAnswerAcrossContinueAsNew() {
    ledger.fund(user, 1_000);
    OpenedSession s =
        sessions.open(user, FakeCoinFlipGame.REF, null, OPTIONS.withContinueAsNewEvery(2));
    UUID id = s.sessionId();
    BetOutcome first = sessions.placeBet(user, id, "r1", coins(10));
    assertThat(sessions.placeBet(user, id, "r1", coins(10))).isEqualTo(first);
    sessions.placeBet(user, id, "r2", coins(10));
    sessions.placeBet(user, id, "r3", coins(10));

    assertThat(continuedFromAnotherRun(id)).isTrue();
    assertThat(sessions.placeBet(user, id, "r1", coins(10))).isEqualTo(first);
    assertCode(() -> sessions.placeBet(user, id, "r1", coins(20)), ErrorCode.DUPLICATE_REQUEST);
    assertThat(ledger.calls.get()).isEqualTo(3);
    assertThat(ledger.requests).hasSize(3);
    assertThat(sessions.state(user, id).round()).isEqualTo(3);
  }

  @Test
  void theServerSeedIsSealedInEveryHistoryUntilTheSessionRevealsIt() {
    ledger.fund(user, 1_000);
    OpenedSession s =
        sessions.open(user, FakeCoinFlipGame.REF, "sealed", OPTIONS.withContinueAsNewEvery(2));
    for (int i = 0; i < 3; i++) {
      sessions.placeBet(user, s.sessionId(), "r" + i, coins(10));
    }
    String workflowId = SessionStart.workflowId(s.sessionId());
    assertThat(continuedFromAnotherRun(s.sessionId())).as("the session continued as new").isTrue();
    String beforeReveal = HistoryPayloads.allRuns(client, workflowId);

    String revealed = sessions.close(user, s.sessionId()).revealedServerSeed();

    assertThat(new Commitment(s.commitment()).matches(revealed)).isTrue();
    // The seed marker of the first run and the carry that starts the second hold it sealed only.
    assertThat(beforeReveal).doesNotContain(revealed).contains(s.commitment());
    Matcher sealed =
        Pattern.compile("sealed:v1:[0-9a-f]{16}:[A-Za-z0-9+/=]+").matcher(beforeReveal);
    int count = 0;
    while (sealed.find()) {
      assertThat(SessionTestServer.SEALING.open(sealed.group(), s.commitment()))
          .isEqualTo(revealed);
      count++;
    }
    assertThat(count).as("sealed seeds: the seed marker and the carry").isGreaterThanOrEqualTo(2);
    assertThat(HistoryPayloads.text(client.fetchHistory(workflowId))).contains(revealed);
  }

  @Test
  void idleTimerClosesTheSessionAndRevealsTheCommittedSeed() {
    ledger.fund(user, 1_000);
    OpenedSession s = sessions.open(user, FakeCoinFlipGame.REF, "idle-seed", OPTIONS);
    RoundOutcome round = sessions.placeBet(user, s.sessionId(), "r1", coins(10)).last();

    SessionSummary summary =
        client
            .newUntypedWorkflowStub(SessionStart.workflowId(s.sessionId()))
            .getResult(SessionSummary.class);

    assertThat(summary.status()).isEqualTo(SessionStatus.CLOSED_IDLE);
    assertThat(new Commitment(s.commitment()).matches(summary.revealedServerSeed())).isTrue();
    assertThat(projection.closed.get(s.sessionId()).revealedServerSeed())
        .isEqualTo(summary.revealedServerSeed());
    RoundResult replayed =
        Verifier.replay(
            GameRegistry.load(getClass().getClassLoader()),
            FakeCoinFlipGame.REF,
            coins(10),
            new Seeds(summary.revealedServerSeed(), s.commitment(), "idle-seed").round(1));
    assertThat(replayed.totalWin()).isEqualTo(round.totalWin());
    assertThat(replayed.outcome()).isEqualTo(round.outcome());
  }

  @Test
  void oneIdleTimerServesManyBets() {
    ledger.fund(user, 1_000);
    OpenedSession s = sessions.open(user, FakeCoinFlipGame.REF, null, OPTIONS);
    for (int i = 0; i < 5; i++) {
      sessions.placeBet(user, s.sessionId(), "r" + i, coins(10));
    }

    assertThat(events(s.sessionId(), EventType.EVENT_TYPE_TIMER_STARTED)).hasSize(1);
    assertThat(events(s.sessionId(), EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED))
        .hasSize(5);
  }

  @Test
  void closeRevealsTheSeedAndABetAfterCloseIsRejectedWithSessionClosed() {
    ledger.fund(user, 1_000);
    OpenedSession s = sessions.open(user, FakeCoinFlipGame.REF, null, OPTIONS);
    sessions.placeBet(user, s.sessionId(), "r1", coins(10));

    SessionSummary summary = sessions.close(user, s.sessionId());

    assertThat(summary.status()).isEqualTo(SessionStatus.CLOSED);
    assertThat(summary.totals().rounds()).isEqualTo(1);
    assertThat(new Commitment(s.commitment()).matches(summary.revealedServerSeed())).isTrue();
    assertThat(sessions.close(user, s.sessionId())).isEqualTo(summary);
    assertCode(
        () -> sessions.placeBet(user, s.sessionId(), "r2", coins(10)), ErrorCode.SESSION_CLOSED);
    assertCode(
        () -> sessions.open(s.sessionId(), user, FakeCoinFlipGame.REF, null, OPTIONS),
        ErrorCode.SESSION_ALREADY_EXISTS);
  }

  @Test
  void insufficientFundsVoidsTheRoundAndTheNextBetPlaysTheSameRoundNumber() {
    ledger.fund(user, 5);
    OpenedSession s = sessions.open(user, FakeCoinFlipGame.REF, null, OPTIONS);

    assertCode(
        () -> sessions.placeBet(user, s.sessionId(), "r1", coins(10)),
        ErrorCode.INSUFFICIENT_FUNDS);
    assertThat(sessions.state(user, s.sessionId()).round()).isZero();
    assertThat(ledger.requests).isEmpty();

    ledger.fund(user, 100);
    assertThat(sessions.placeBet(user, s.sessionId(), "r2", coins(10)).last().round()).isEqualTo(1);
  }

  @Test
  void autoSpinPlaysEachRoundAsItsOwnPostAndStopsWhenFundsRunOut() {
    ledger.fund(user, 30);
    OpenedSession s =
        sessions.open(user, FakeCoinFlipGame.REF, null, OPTIONS.withAutoSpin(true, 50));

    BetOutcome outcome = sessions.autoSpin(user, s.sessionId(), "auto-1", coins(10), 50);

    assertThat(outcome.rounds()).extracting(RoundOutcome::round).startsWith(1L, 2L, 3L);
    assertThat(ledger.requests).hasSize(outcome.rounds().size());
    for (RoundOutcome r : outcome.rounds()) {
      assertThat(ledger.requests).containsKey("session-" + s.sessionId() + "/round-" + r.round());
    }
    if (outcome.rounds().size() < 50) {
      assertThat(outcome.stoppedBy()).isEqualTo(ErrorCode.INSUFFICIENT_FUNDS.name());
    }
    assertThat(outcome.balance()).isEqualTo(ledger.balanceOf(user));
    assertCode(
        () -> sessions.autoSpin(user, s.sessionId(), "auto-2", coins(10), 51),
        ErrorCode.VALIDATION_FAILED);
  }

  @Test
  void roundPostedByALostRequestIsAdoptedBeforeItsNumberIsReused() {
    // The lost post must be what the round replays to (a loss: win 0), so the seeds are known.
    server.close();
    server = new SessionTestServer(QUEUE, new FixedSeeds(), ledger, projection);
    client = server.client;
    sessions = server.sessions;
    String clientSeed = losingClientSeed();
    ledger.fund(user, 1_000);
    OpenedSession s = sessions.open(user, FakeCoinFlipGame.REF, clientSeed, OPTIONS);
    SessionAccounts accounts = ledger.openAccounts(user, Wager.COIN);
    // A bet whose update was lost with a server restart after its post committed.
    String key = "session-" + s.sessionId() + "/round-1";
    SessionView before = sessions.state(user, s.sessionId());
    assertThat(before.round()).isZero();
    ledger.postRound(
        new RoundPosting(
            key,
            s.sessionId(),
            1,
            "lost-request",
            1,
            clientSeed,
            FakeCoinFlipGame.REF.toString(),
            accounts,
            30,
            0,
            0,
            false));

    BetOutcome next = sessions.placeBet(user, s.sessionId(), "new-request", coins(10));

    assertThat(next.last().round()).isEqualTo(2);
    assertThat(projection.rounds).containsKeys(s.sessionId() + "/1", s.sessionId() + "/2");
    assertThat(projection.rounds.get(s.sessionId() + "/1").requestId()).isEqualTo("lost-request");
    assertThat(projection.rounds.get(s.sessionId() + "/1").stake()).isEqualTo(30);
    assertThat(sessions.placeBet(user, s.sessionId(), "lost-request", coins(30)).last().round())
        .isEqualTo(1);
    assertThat(ledger.requests).hasSize(2);
  }

  /**
   * A client seed whose round 1 of the fake coin flip loses with {@link FixedSeeds}: the coin's
   * draw in [0, 100) pays from 49 down only (see {@link FakeCoinFlipGame}).
   */
  private static String losingClientSeed() {
    for (int i = 0; ; i++) {
      String c = "seed-" + i;
      Seeds seeds = new FixedSeeds().generate(c);
      if (FairRng.forRound(seeds.round(1)).nextInt(100) >= 49) {
        return c;
      }
    }
  }

  @Test
  void aRoundWhoseLedgerWinDiffersFromItsReplayHoldsBetsUntilComplianceResolvesIt() {
    ledger.fund(user, 1_000);
    OpenedSession s = sessions.open(user, FakeCoinFlipGame.REF, "seed-x", OPTIONS);
    SessionAccounts accounts = ledger.openAccounts(user, Wager.COIN);
    // The coin pays 0 or twice the stake (60): 7 is a win it can never replay to.
    ledger.postRound(
        new RoundPosting(
            "session-" + s.sessionId() + "/round-1",
            s.sessionId(),
            1,
            "odd-request",
            1,
            "seed-x",
            FakeCoinFlipGame.REF.toString(),
            accounts,
            30,
            7,
            0,
            false));

    assertCode(
        () -> sessions.placeBet(user, s.sessionId(), "bet-1", coins(10)),
        ErrorCode.SESSION_UNDER_REVIEW);

    List<ComplianceAlert> alerts = server.compliance.raised();
    assertThat(alerts).hasSize(1);
    ComplianceAlert alert = alerts.getFirst();
    assertThat(alert.alertId()).isEqualTo(ComplianceAlert.idOf(s.sessionId(), 1));
    assertThat(alert.kind()).isEqualTo(ComplianceAlert.ROUND_MISMATCH);
    assertThat(alert.ledger().win()).isEqualTo(7);
    assertThat(alert.ledger().requestId()).isEqualTo("odd-request");
    assertThat(alert.replayed().win()).isIn(0L, 60L);
    assertThat(alert.replayed().stake()).isEqualTo(30);
    assertThat(alert.replayed().outcome()).isNotEmpty();
    // The adopted round is recorded as replayed; the session is open and refuses every bet.
    assertThat(projection.rounds.get(s.sessionId() + "/1").totalWin())
        .isEqualTo(alert.replayed().win());
    assertCode(
        () -> sessions.placeBet(user, s.sessionId(), "bet-2", coins(10)),
        ErrorCode.SESSION_UNDER_REVIEW);
    assertThat(sessions.state(user, s.sessionId()).status()).isEqualTo(SessionStatus.OPEN);

    GameSessionWorkflow workflow =
        client.newWorkflowStub(GameSessionWorkflow.class, SessionStart.workflowId(s.sessionId()));
    workflow.resolveReview(
        new ReviewResolution(ComplianceAlert.idOf(s.sessionId(), 9), "someone", "another one"));
    assertCode(
        () -> sessions.placeBet(user, s.sessionId(), "bet-3", coins(10)),
        ErrorCode.SESSION_UNDER_REVIEW);
    workflow.resolveReview(new ReviewResolution(alert.alertId(), "compliance", "checked"));
    assertThat(sessions.placeBet(user, s.sessionId(), "bet-4", coins(10)).last().round())
        .isEqualTo(2);
    assertThat(server.compliance.raised()).hasSize(1);
  }

  @Test
  void aRoundOfUnknownOutcomeThatWasPostedIsFoundByItsKeyAndAnsweredOnce() throws Exception {
    assertUnknownRoundIsResolved(InMemoryLedger.Outage.ANSWERS_LOST);
  }

  @Test
  void aRoundOfUnknownOutcomeThatWasNeverPostedIsPostedOnceTheWalletAnswers() throws Exception {
    assertUnknownRoundIsResolved(InMemoryLedger.Outage.DOWN);
  }

  /**
   * While the wallet does not answer, the bet's Update stays open with the round recorded as of
   * unknown outcome, no other bet is taken, and the same post is repeated under the same key on a
   * durable timer; once the wallet answers, the bet gets its one round.
   */
  private void assertUnknownRoundIsResolved(InMemoryLedger.Outage outage) throws Exception {
    ledger.fund(user, 1_000);
    OpenedSession s = sessions.open(user, FakeCoinFlipGame.REF, "seed-u", OPTIONS);
    GameSessions patient =
        new GameSessions(
            client, new CallSettings(QUEUE, Duration.ofSeconds(10), Duration.ofSeconds(120)));
    ledger.outage = outage;
    CompletableFuture<BetOutcome> bet =
        CompletableFuture.supplyAsync(
            () -> patient.placeBet(user, s.sessionId(), "req-unknown", coins(20)));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> sessions.state(user, s.sessionId()).unknownRound() != null);
    UnknownRound unknown = sessions.state(user, s.sessionId()).unknownRound();
    assertThat(unknown.round()).isEqualTo(1);
    assertThat(unknown.idempotencyKey()).isEqualTo("session-" + s.sessionId() + "/round-1");
    assertThat(unknown.requestId()).isEqualTo("req-unknown");
    assertThat(bet).isNotDone();
    assertCode(
        () -> sessions.placeBet(user, s.sessionId(), "req-other", coins(10)),
        ErrorCode.ROUND_IN_PROGRESS);

    ledger.outage = InMemoryLedger.Outage.NONE;
    server.env.sleep(Duration.ofMinutes(2));
    BetOutcome outcome = bet.get(60, TimeUnit.SECONDS);

    assertThat(outcome.last().round()).isEqualTo(1);
    assertThat(sessions.state(user, s.sessionId()).unknownRound()).isNull();
    assertThat(ledger.requests).hasSize(1);
    assertThat(projection.rounds.get(s.sessionId() + "/1").requestId()).isEqualTo("req-unknown");
    assertThat(outcome.balance()).isEqualTo(ledger.balanceOf(user));
    assertThat(sessions.placeBet(user, s.sessionId(), "req-unknown", coins(20))).isEqualTo(outcome);
  }

  private boolean continuedFromAnotherRun(UUID sessionId) {
    HistoryEvent first = client.fetchHistory(SessionStart.workflowId(sessionId)).getEvents().get(0);
    return !first
        .getWorkflowExecutionStartedEventAttributes()
        .getContinuedExecutionRunId()
        .isEmpty();
  }

  @Test
  void theHoldOutlastsContinueAsNew() {
    ledger.fund(user, 1_000);
    OpenedSession s =
        sessions.open(user, FakeCoinFlipGame.REF, "seed-x", OPTIONS.withContinueAsNewEvery(2));
    sessions.placeBet(user, s.sessionId(), "bet-1", coins(10));
    ledger.postRound(
        new RoundPosting(
            "session-" + s.sessionId() + "/round-2",
            s.sessionId(),
            2,
            "odd-request",
            1,
            "seed-x",
            FakeCoinFlipGame.REF.toString(),
            ledger.openAccounts(user, Wager.COIN),
            30,
            7,
            0,
            false));
    // Adopting round 2 completes the run's two rounds: the session continues as new, held.
    assertCode(
        () -> sessions.placeBet(user, s.sessionId(), "bet-2", coins(10)),
        ErrorCode.SESSION_UNDER_REVIEW);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !events(s.sessionId(), EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)
                    .getFirst()
                    .getWorkflowExecutionStartedEventAttributes()
                    .getContinuedExecutionRunId()
                    .isEmpty());
    assertCode(
        () -> sessions.placeBet(user, s.sessionId(), "bet-3", coins(10)),
        ErrorCode.SESSION_UNDER_REVIEW);
    client
        .newWorkflowStub(GameSessionWorkflow.class, SessionStart.workflowId(s.sessionId()))
        .resolveReview(
            new ReviewResolution(ComplianceAlert.idOf(s.sessionId(), 2), "compliance", "checked"));
    assertThat(sessions.placeBet(user, s.sessionId(), "bet-4", coins(10)).last().round())
        .isEqualTo(3);
    assertThat(server.compliance.raised()).hasSize(1);
  }

  private List<HistoryEvent> events(UUID sessionId, EventType type) {
    return client.fetchHistory(SessionStart.workflowId(sessionId)).getEvents().stream()
        .filter(e -> e.getEventType() == type)
        .toList();
  }

  private static void assertCode(Runnable call, ErrorCode code) {
    assertThatThrownBy(call::run)
        .isInstanceOf(CroupierException.class)
        .satisfies(
            e -> assertThat(((CroupierException) e).code()).as(e.getMessage()).isEqualTo(code));
  }
}
