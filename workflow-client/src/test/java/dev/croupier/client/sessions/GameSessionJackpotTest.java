package dev.croupier.client.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.Wager;
import dev.croupier.workflows.session.BetOutcome;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.RoundOutcome;
import dev.croupier.workflows.session.RoundPosting;
import dev.croupier.workflows.session.RoundRecord;
import dev.croupier.workflows.session.SessionAccounts;
import dev.croupier.workflows.session.SessionOptions;
import dev.croupier.workflows.session.SessionStart;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rounds of the real slot that hit the progressive jackpot, on the time-skipping test server, with
 * a chosen server seed (see {@link FixedSeeds}) and the in-memory ledger. The same flow against the
 * real wallet is the workers module's {@code JackpotPayoutTest}.
 */
class GameSessionJackpotTest {
  static final String QUEUE = "game-sessions-jackpot-test";
  static final GameRef SLOT = new GameRef("slot-classic", "1.0.0");
  static final SessionOptions OPTIONS =
      SessionOptions.DEFAULTS.withIdleTimeout(Duration.ofMinutes(5));
  static final long POOL = 250_000;

  private SessionTestServer server;
  private final InMemoryLedger ledger = new InMemoryLedger();
  private final InMemoryProjection projection = new InMemoryProjection();
  private WorkflowClient client;
  private GameSessions sessions;
  private final UUID user = UUID.randomUUID();

  @BeforeEach
  void startEnvironment() {
    server = new SessionTestServer(QUEUE, new FixedSeeds(), ledger, projection);
    client = server.client;
    sessions = server.sessions;
    ledger.balances.put(InMemoryLedger.POOL, POOL);
    ledger.balances.put(InMemoryLedger.HOUSE, 0L);
  }

  @AfterEach
  void stopEnvironment() {
    server.close();
  }

  @Test
  void aJackpotRoundIsPaidTheWholePoolOnceUnderTheRoundsJackpotKey() {
    ledger.fund(user, 10_000);
    OpenedSession s = sessions.open(user, SLOT, FixedSeeds.JACKPOT_CLIENT_SEED, OPTIONS);

    BetOutcome outcome = sessions.placeBet(user, s.sessionId(), "spin-1", new Wager(1_000, "COIN"));

    RoundOutcome round = outcome.last();
    assertThat(round.jackpotHit()).isTrue();
    // The round's own contribution (1 %) is in the pool when it is paid.
    long won = POOL + 10;
    assertThat(round.jackpotWin()).isEqualTo(won);
    assertThat(outcome.balance())
        .isEqualTo(round.balanceAfter())
        .isEqualTo(10_000 - 1_000 + round.totalWin() + won)
        .isEqualTo(ledger.balanceOf(user));
    assertThat(ledger.balances.get(InMemoryLedger.POOL)).isEqualTo(InMemoryLedger.RESEED);
    String key = "session-" + s.sessionId() + "/round-1/jackpot";
    assertThat(ledger.payouts).containsOnlyKeys(key);
    assertThat(ledger.payouts.get(key).accounts().player())
        .isEqualTo(ledger.openAccounts(user, "COIN").player());
    RoundRecord row = projection.rounds.get(s.sessionId() + "/1");
    assertThat(row.jackpotWin()).isEqualTo(won);
    assertThat(row.jackpotTransactionId()).isEqualTo(ledger.paid.get(key).transactionId());
    assertThat(row.balanceAfter()).isEqualTo(10_000 - 1_000 + round.totalWin());
    assertThat(sessions.state(user, s.sessionId()).balance()).isEqualTo(outcome.balance());

    // The same request again: the remembered answer, and no second payout.
    long calls = ledger.calls.get();
    assertThat(sessions.placeBet(user, s.sessionId(), "spin-1", new Wager(1_000, "COIN")))
        .isEqualTo(outcome);
    assertThat(ledger.calls.get()).isEqualTo(calls);
    assertThat(ledger.balanceOf(user)).isEqualTo(outcome.balance());
  }

  @Test
  void aRoundWithoutTheJackpotPaysNothingAndLeavesNoVersionMarker() {
    ledger.fund(user, 10_000);
    OpenedSession s = sessions.open(user, SLOT, "no-jackpot", OPTIONS);

    RoundOutcome round =
        sessions.placeBet(user, s.sessionId(), "spin-1", new Wager(1_000, "COIN")).last();

    assertThat(round.jackpotHit()).isFalse();
    assertThat(round.jackpotWin()).isZero();
    assertThat(ledger.payouts).isEmpty();
    assertThat(ledger.balances.get(InMemoryLedger.POOL)).isEqualTo(POOL + 10);
    assertThat(versionMarkers(s.sessionId())).isZero();
  }

  @Test
  void anAdoptedRoundThatHitTheJackpotIsPaidWhenItIsAdopted() {
    ledger.fund(user, 10_000);
    OpenedSession s = sessions.open(user, SLOT, "no-jackpot", OPTIONS);
    SessionAccounts accounts = ledger.openAccounts(user, Wager.COIN);
    // A jackpot round whose update was lost with a server restart after its post committed.
    String key = "session-" + s.sessionId() + "/round-1";
    ledger.postRound(
        new RoundPosting(
            key,
            s.sessionId(),
            1,
            "lost-request",
            1,
            FixedSeeds.JACKPOT_CLIENT_SEED,
            SLOT.toString(),
            accounts,
            1_000,
            0,
            10,
            true));

    BetOutcome next = sessions.placeBet(user, s.sessionId(), "new-request", new Wager(100, "COIN"));

    assertThat(next.last().round()).isEqualTo(2);
    assertThat(ledger.payouts).containsOnlyKeys(key + "/jackpot");
    RoundOutcome adopted =
        sessions.placeBet(user, s.sessionId(), "lost-request", new Wager(1_000, "COIN")).last();
    assertThat(adopted.jackpotHit()).isTrue();
    assertThat(adopted.jackpotWin()).isEqualTo(POOL + 10);
    assertThat(projection.rounds.get(s.sessionId() + "/1").jackpotWin()).isEqualTo(POOL + 10);
  }

  @Test
  void theHistoryOfAJackpotRoundReplaysOnTheCurrentWorkflow() throws Exception {
    ledger.fund(user, 10_000);
    OpenedSession s = sessions.open(user, SLOT, FixedSeeds.JACKPOT_CLIENT_SEED, OPTIONS);
    sessions.placeBet(user, s.sessionId(), "spin-1", new Wager(1_000, "COIN"));
    sessions.close(user, s.sessionId());

    WorkflowExecutionHistory history = client.fetchHistory(SessionStart.workflowId(s.sessionId()));

    assertThat(versionMarkers(s.sessionId())).isOne();
    SessionTestServer.replay(history);
  }

  /** The {@code pay-jackpot} version markers in the session's history. */
  private long versionMarkers(UUID sessionId) {
    return client.fetchHistory(SessionStart.workflowId(sessionId)).getEvents().stream()
        .filter(HistoryEvent::hasMarkerRecordedEventAttributes)
        .map(e -> e.getMarkerRecordedEventAttributes().getDetailsMap().get("changeId"))
        .filter(
            id -> id != null && id.getPayloads(0).getData().toStringUtf8().contains("pay-jackpot"))
        .count();
  }

  @Test
  void aRoundOutcomeRecordedBeforeJackpotsWerePaidDecodesWithNoJackpotWin() {
    String before =
        "{\"round\":3,\"stake\":100,\"totalWin\":40,\"jackpotHit\":false,\"outcome\":{},"
            + "\"ledgerTransactionId\":77,\"balanceAfter\":940}";

    RoundOutcome decoded =
        DataConverter.getDefaultInstance()
            .fromPayload(
                Payload.newBuilder()
                    .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                    .setData(ByteString.copyFromUtf8(before))
                    .build(),
                RoundOutcome.class,
                RoundOutcome.class);

    assertThat(decoded).isEqualTo(new RoundOutcome(3, 100, 40, false, Map.of(), 77, 940, 0));
  }
}
