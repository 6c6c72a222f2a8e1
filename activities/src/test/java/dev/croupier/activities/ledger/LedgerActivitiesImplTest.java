package dev.croupier.activities.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.api.wallet.v1.Entry;
import dev.croupier.api.wallet.v1.GetTransactionRequest;
import dev.croupier.api.wallet.v1.Transaction;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workflows.session.JackpotPaid;
import dev.croupier.workflows.session.JackpotPayout;
import dev.croupier.workflows.session.PostedRound;
import dev.croupier.workflows.session.RoundPosting;
import dev.croupier.workflows.session.SessionAccounts;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ledger activities against the real wallet and PostgreSQL. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerActivitiesImplTest {
  private TestWallet wallet;
  private LedgerActivitiesImpl ledger;

  @BeforeAll
  void startWallet(PostgresDatabase db) {
    wallet = TestWallet.start(db);
    ledger = new LedgerActivitiesImpl(wallet.stub(), Duration.ofSeconds(5));
  }

  @AfterAll
  void stopWallet() {
    wallet.close();
  }

  private RoundPosting round(SessionAccounts a, UUID session, long n, long stake, long win) {
    return new RoundPosting(
        "session-" + session + "/round-" + n,
        session,
        n,
        "req-" + n,
        1,
        "seed",
        "slot-classic@1.0.0",
        a,
        stake,
        win,
        stake / 100,
        false);
  }

  @Test
  void postRoundPostsOneBalancedBetAndWinAndAReplayGetsTheOriginalResult() {
    UUID user = UUID.randomUUID();
    wallet.grant(user, 10_000);
    SessionAccounts a = ledger.openAccounts(user, "COIN");
    assertThat(ledger.openAccounts(user, "COIN")).isEqualTo(a);
    assertThat(a.playerBalance()).isEqualTo(10_000);
    UUID session = UUID.randomUUID();

    PostedRound first = ledger.postRound(round(a, session, 1, 1_000, 2_500));
    PostedRound again = ledger.postRound(round(a, session, 1, 1_000, 2_500));

    assertThat(first.playerBalance()).isEqualTo(10_000 - 1_000 + 2_500);
    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.transactionId()).isEqualTo(first.transactionId());
    assertThat(again.playerBalance()).isEqualTo(first.playerBalance());
    Transaction t =
        wallet
            .stub()
            .getTransaction(
                GetTransactionRequest.newBuilder().setTransactionId(first.transactionId()).build());
    assertThat(t.getKind()).isEqualTo(TransactionKind.BET_AND_WIN);
    assertThat(t.getEntriesList())
        .extracting(Entry::getAmount)
        .containsExactly(-1_000L, 1_000L, -2_500L, 2_500L, -10L, 10L);
    assertThat(t.getEntriesList().stream().mapToLong(Entry::getAmount).sum()).isZero();
    assertThat(ledger.findRound(t.getIdempotencyKey()))
        .isEqualTo(
            new PostedRound(
                first.transactionId(),
                first.playerBalance(),
                true,
                "req-1",
                1,
                "seed",
                1_000,
                "COIN",
                2_500));
  }

  private long balance(long account) {
    return wallet.balance(account);
  }

  private JackpotPayout payout(SessionAccounts a, UUID session, long n) {
    return JackpotPayout.of("session-" + session + "/round-" + n, session, n, a);
  }

  @Test
  void payJackpotPaysTheWholePoolAndReseedsItAndTheSameKeyNeverPaysTwice() {
    UUID user = UUID.randomUUID();
    wallet.grant(user, 100_000);
    SessionAccounts a = ledger.openAccounts(user, "COIN");
    UUID session = UUID.randomUUID();
    ledger.postRound(round(a, session, 1, 50_000, 0));
    long pool = balance(a.jackpotPool());
    long house = balance(a.house());
    assertThat(pool).isGreaterThanOrEqualTo(500);

    JackpotPaid paid = ledger.payJackpot(payout(a, session, 1));

    assertThat(paid.amountWon()).isEqualTo(pool);
    assertThat(paid.winnerBalance()).isEqualTo(100_000 - 50_000 + pool);
    assertThat(paid.poolBalance()).isEqualTo(LedgerActivitiesImpl.DEFAULT_JACKPOT_RESEED);
    assertThat(paid.replayed()).isFalse();
    assertThat(balance(a.player())).isEqualTo(paid.winnerBalance());
    assertThat(balance(a.jackpotPool())).isEqualTo(LedgerActivitiesImpl.DEFAULT_JACKPOT_RESEED);
    assertThat(balance(a.house())).isEqualTo(house - LedgerActivitiesImpl.DEFAULT_JACKPOT_RESEED);
    Transaction t =
        wallet
            .stub()
            .getTransaction(
                GetTransactionRequest.newBuilder()
                    .setIdempotencyKey("session-" + session + "/round-1/jackpot")
                    .build());
    assertThat(t.getKind()).isEqualTo(TransactionKind.JACKPOT_WIN);
    assertThat(t.getTransactionId()).isEqualTo(paid.transactionId());
    assertThat(t.getEntriesList().stream().mapToLong(Entry::getAmount).sum()).isZero();

    // A retry, and a retry by a worker configured with another reseed: the original payout.
    JackpotPaid again = ledger.payJackpot(payout(a, session, 1));
    JackpotPaid otherReseed =
        new LedgerActivitiesImpl(wallet.stub(), Duration.ofSeconds(5), 777)
            .payJackpot(payout(a, session, 1));
    for (JackpotPaid replay : List.of(again, otherReseed)) {
      assertThat(replay)
          .isEqualTo(
              new JackpotPaid(
                  paid.transactionId(),
                  paid.amountWon(),
                  paid.winnerBalance(),
                  paid.poolBalance(),
                  true));
    }
    assertThat(balance(a.player())).isEqualTo(paid.winnerBalance());
    assertThat(balance(a.jackpotPool())).isEqualTo(LedgerActivitiesImpl.DEFAULT_JACKPOT_RESEED);
  }

  @Test
  void twoWinnersAtOnceOneGetsThePoolAndTheOtherTheReseed() throws Exception {
    SessionAccounts[] winners = new SessionAccounts[2];
    UUID[] sessions = new UUID[2];
    for (int i = 0; i < 2; i++) {
      UUID user = UUID.randomUUID();
      wallet.grant(user, 100_000);
      winners[i] = ledger.openAccounts(user, "COIN");
      sessions[i] = UUID.randomUUID();
      ledger.postRound(round(winners[i], sessions[i], 1, 20_000, 0));
    }
    long pool = balance(winners[0].jackpotPool());
    long before = balance(winners[0].house()) + pool;
    CyclicBarrier start = new CyclicBarrier(2);
    List<CompletableFuture<JackpotPaid>> calls =
        List.of(0, 1).stream()
            .map(
                i ->
                    CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            start.await();
                          } catch (Exception e) {
                            throw new IllegalStateException(e);
                          }
                          return ledger.payJackpot(payout(winners[i], sessions[i], 1));
                        }))
            .toList();
    List<JackpotPaid> paid = calls.stream().map(CompletableFuture::join).toList();

    long reseed = LedgerActivitiesImpl.DEFAULT_JACKPOT_RESEED;
    assertThat(paid).extracting(JackpotPaid::amountWon).containsExactlyInAnyOrder(pool, reseed);
    for (int i = 0; i < 2; i++) {
      assertThat(balance(winners[i].player()))
          .isEqualTo(100_000 - 20_000 + paid.get(i).amountWon());
    }
    assertThat(balance(winners[0].jackpotPool())).isEqualTo(reseed);
    // House and pool gave exactly what the winners got.
    assertThat(before - balance(winners[0].house()) - reseed).isEqualTo(pool + reseed);
  }

  @Test
  void insufficientFundsIsANonRetryableFailureAndPostsNothing() {
    UUID user = UUID.randomUUID();
    wallet.grant(user, 500);
    SessionAccounts a = ledger.openAccounts(user, "COIN");
    RoundPosting posting = round(a, UUID.randomUUID(), 1, 1_000, 0);

    assertThatThrownBy(() -> ledger.postRound(posting))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo("INSUFFICIENT_FUNDS");
              assertThat(f.isNonRetryable()).isTrue();
            });
    assertThat(ledger.findRound(posting.idempotencyKey())).isNull();
    assertThat(ledger.openAccounts(user, "COIN").playerBalance()).isEqualTo(500);
  }

  @Test
  void sameRoundKeyWithAnotherStakeIsAnIdempotencyConflict() {
    UUID user = UUID.randomUUID();
    wallet.grant(user, 10_000);
    SessionAccounts a = ledger.openAccounts(user, "COIN");
    UUID session = UUID.randomUUID();
    ledger.postRound(round(a, session, 1, 1_000, 0));

    assertThatThrownBy(() -> ledger.postRound(round(a, session, 1, 2_000, 0)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo("IDEMPOTENCY_CONFLICT"));
    assertThat(ledger.findRound("session-" + session + "/round-1").stake()).isEqualTo(1_000);
  }
}
