package dev.croupier.wallet;

import static dev.croupier.wallet.WalletHarness.leg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.PayJackpotRequest;
import dev.croupier.api.wallet.v1.PayJackpotResponse;
import dev.croupier.api.wallet.v1.Reference;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.errors.ErrorCode;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.WalletErrors;
import dev.croupier.wallet.testing.LedgerInvariants;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PayJackpot: the whole pool to the winner and a reseed from the house, in one atomic post that is
 * exactly once per key; concurrent winners are serialised on the pool, and no money is created or
 * lost.
 */
class PayJackpotTest {
  private static final long RESEED = 10_000;

  private PostgresDatabase db;
  private WalletHarness w;
  private long house;
  private long pool;

  // A database per test: every test starts from the seeded, empty pool.
  @BeforeEach
  void start() {
    db = PostgresExtension.createDatabase();
    w = WalletHarness.start(db);
    house = w.house("COIN");
    pool = w.open("", "COIN", AccountType.JACKPOT_POOL);
  }

  @AfterEach
  void stop() {
    // Each test leaves the ledger it wrote; the invariants must hold for all of it.
    try {
      assertThat(LedgerInvariants.violations(w.dataSource)).isEmpty();
    } finally {
      w.close();
      PostgresExtension.dropDatabase(db);
    }
  }

  /** Contributions as the session posts them: house to pool, inside a BET_AND_WIN. */
  private void contribute(long player, String key, long stake, long contribution) {
    w.post(
        key,
        TransactionKind.BET_AND_WIN,
        leg(player, -stake),
        leg(house, stake),
        leg(house, -contribution),
        leg(pool, contribution));
  }

  private PayJackpotRequest payout(String key, long winner) {
    return PayJackpotRequest.newBuilder()
        .setIdempotencyKey(key)
        .setCurrency("COIN")
        .setWinnerAccountId(winner)
        .setReseedAmount(RESEED)
        .setReference(Reference.newBuilder().setSessionId("s-" + key).setRound(7))
        .putMetadata("game", "slot")
        .build();
  }

  /** Everything the house, the pool and the players hold together: payouts must not change it. */
  private long systemAndPlayers(List<Long> players) {
    long sum = w.balance(house) + w.balance(pool) + w.balance(w.promo("COIN"));
    for (long p : players) {
      sum += w.balance(p);
    }
    return sum;
  }

  @Test
  void theWholePoolGoesToTheWinnerAndTheHouseReseedsIt() {
    long player = w.fundedPlayer(10_000);
    for (int i = 0; i < 5; i++) {
      contribute(player, "bet-" + i, 100, 1_234);
    }
    long houseBefore = w.balance(house);
    assertThat(w.balance(pool)).isEqualTo(5 * 1_234);

    PayJackpotResponse r = w.wallet.payJackpot(payout("win-1", player));

    assertThat(r.getAmountWon()).isEqualTo(5 * 1_234);
    assertThat(r.getReplayed()).isFalse();
    assertThat(r.getPoolAccountId()).isEqualTo(pool);
    assertThat(r.getPoolBalance()).isEqualTo(RESEED);
    assertThat(r.getWinnerBalance()).isEqualTo(10_000 - 500 + 5 * 1_234);
    assertThat(w.balance(player)).isEqualTo(r.getWinnerBalance());
    assertThat(w.balance(pool)).isEqualTo(RESEED);
    assertThat(w.balance(house)).isEqualTo(houseBefore - RESEED);
    assertThat(
            w.queryString(
                "select kind || '/' || session_id || '/' || round from wallet.transaction where id = "
                    + r.getTransactionId()))
        .isEqualTo("JACKPOT_WIN/s-win-1/7");
    // Legs 0 and 1 are the sweep; then the reseed.
    assertThat(
            w.queryString(
                "select string_agg(account_id || ':' || amount, ',' order by leg)"
                    + " from wallet.entry where transaction_id = "
                    + r.getTransactionId()))
        .isEqualTo(
            pool + ":-6170," + player + ":6170," + house + ":-" + RESEED + "," + pool + ":"
                + RESEED);
  }

  @Test
  void aReplayReturnsTheOriginalPayoutEvenAfterThePoolGrew() {
    long player = w.fundedPlayer(10_000);
    contribute(player, "bet-a", 100, 700);
    PayJackpotResponse first = w.wallet.payJackpot(payout("win-r", player));
    contribute(player, "bet-b", 100, 300);

    PayJackpotResponse again = w.wallet.payJackpot(payout("win-r", player));

    assertThat(again.getReplayed()).isTrue();
    assertThat(again.getTransactionId()).isEqualTo(first.getTransactionId());
    assertThat(again.getAmountWon()).isEqualTo(700);
    assertThat(again.getWinnerBalance()).isEqualTo(first.getWinnerBalance());
    assertThat(again.getPoolBalance()).isEqualTo(RESEED);
    assertThat(again.getCreatedAt()).isEqualTo(first.getCreatedAt());
    assertThat(w.balance(pool)).isEqualTo(RESEED + 300);
    assertThat(w.queryLong("select count(*) from wallet.transaction where kind = 'JACKPOT_WIN'"))
        .isEqualTo(1);
  }

  @Test
  void theSameKeyForAnotherWinnerIsAConflictAndWritesNothing() {
    long player = w.fundedPlayer(10_000);
    long other = w.fundedPlayer(10_000);
    contribute(player, "bet-c", 100, 500);
    w.wallet.payJackpot(payout("win-c", player));
    String before = w.ledgerState();

    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> w.wallet.payJackpot(payout("win-c", other)));

    assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(w.ledgerState()).isEqualTo(before);
  }

  @Test
  void concurrentWinnersOneTakesThePoolTheOthersTheReseed() throws Exception {
    int winners = 8;
    List<Long> players = new ArrayList<>();
    for (int i = 0; i < winners; i++) {
      players.add(w.fundedPlayer(1_000));
    }
    for (int i = 0; i < 20; i++) {
      contribute(players.get(i % winners), "bet-x" + i, 10, 2_500);
    }
    long pot = w.balance(pool);
    assertThat(pot).isEqualTo(50_000);
    long total = systemAndPlayers(players);
    List<Long> before = players.stream().map(w::balance).toList();

    ExecutorService threads = Executors.newFixedThreadPool(winners);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<PayJackpotResponse>> calls = new ArrayList<>();
    for (int i = 0; i < winners; i++) {
      long winner = players.get(i);
      String key = "win-x" + i;
      calls.add(
          threads.submit(
              () -> {
                go.await();
                return w.wallet.payJackpot(payout(key, winner));
              }));
    }
    go.countDown();
    List<PayJackpotResponse> results = new ArrayList<>();
    for (Future<PayJackpotResponse> f : calls) {
      results.add(f.get(60, TimeUnit.SECONDS));
    }
    threads.shutdown();

    List<Long> won = results.stream().map(PayJackpotResponse::getAmountWon).sorted().toList();
    List<Long> expected = new ArrayList<>();
    for (int i = 1; i < winners; i++) {
      expected.add(RESEED);
    }
    expected.add(pot);
    assertThat(won).isEqualTo(expected);
    for (int i = 0; i < winners; i++) {
      assertThat(w.balance(players.get(i)))
          .isEqualTo(before.get(i) + results.get(i).getAmountWon());
    }
    assertThat(w.balance(pool)).isEqualTo(RESEED);
    assertThat(systemAndPlayers(players)).isEqualTo(total);
    // The payouts are ordered by the pool's lock: in commit order, the first found the pot.
    List<PayJackpotResponse> inOrder =
        results.stream()
            .sorted(Comparator.comparingLong(PayJackpotResponse::getTransactionId))
            .toList();
    assertThat(inOrder.get(0).getAmountWon()).isEqualTo(pot);
  }

  @Test
  void concurrentReplaysOfOneWinPayOnce() throws Exception {
    long player = w.fundedPlayer(1_000);
    contribute(player, "bet-d", 10, 4_000);
    ExecutorService threads = Executors.newFixedThreadPool(6);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<PayJackpotResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      calls.add(
          threads.submit(
              () -> {
                go.await();
                return w.wallet.payJackpot(payout("win-d", player));
              }));
    }
    go.countDown();
    for (Future<PayJackpotResponse> f : calls) {
      assertThat(f.get(60, TimeUnit.SECONDS).getAmountWon()).isEqualTo(4_000);
    }
    threads.shutdown();
    assertThat(w.balance(player)).isEqualTo(1_000 - 10 + 4_000);
    assertThat(w.queryLong("select count(*) from wallet.transaction where kind = 'JACKPOT_WIN'"))
        .isEqualTo(1);
  }

  @Test
  void anEmptyPoolPaysNothingAndIsReseeded() {
    long player = w.fundedPlayer(1_000);

    PayJackpotResponse r = w.wallet.payJackpot(payout("win-e", player));

    assertThat(r.getAmountWon()).isZero();
    assertThat(r.getPoolBalance()).isEqualTo(RESEED);
    assertThat(w.balance(player)).isEqualTo(1_000);
    assertThat(
            w.queryLong(
                "select count(*) from wallet.entry where transaction_id = " + r.getTransactionId()))
        .isEqualTo(2);
  }

  @Test
  void anEmptyPoolWithoutReseedIsRefusedAndTheKeyStaysUnused() {
    long player = w.fundedPlayer(1_000);
    String before = w.ledgerState();
    PayJackpotRequest nothing = payout("win-f", player).toBuilder().setReseedAmount(0).build();

    StatusRuntimeException e =
        catchThrowableOfType(StatusRuntimeException.class, () -> w.wallet.payJackpot(nothing));

    assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.INVALID_AMOUNT);
    assertThat(w.ledgerState()).isEqualTo(before);
    contribute(player, "bet-f", 10, 99);
    assertThat(w.wallet.payJackpot(nothing).getAmountWon()).isEqualTo(99);
    assertThat(w.balance(pool)).isZero();
  }

  @Test
  void onlyAPlayerAccountInTheCurrencyCanWin() {
    StatusRuntimeException notPlayer =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> w.wallet.payJackpot(payout("win-g", house)));
    StatusRuntimeException unknown =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> w.wallet.payJackpot(payout("win-h", 987_654)));
    StatusRuntimeException negative =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                w.wallet.payJackpot(
                    payout("win-j", w.fundedPlayer(1)).toBuilder().setReseedAmount(-1).build()));

    assertThat(WalletErrors.codeOf(notPlayer)).contains(ErrorCode.VALIDATION_FAILED);
    assertThat(WalletErrors.codeOf(unknown)).contains(ErrorCode.UNKNOWN_ACCOUNT);
    assertThat(WalletErrors.codeOf(negative)).contains(ErrorCode.VALIDATION_FAILED);
    assertThat(w.queryLong("select count(*) from wallet.transaction where kind = 'JACKPOT_WIN'"))
        .isZero();
  }
}
