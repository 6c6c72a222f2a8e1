package dev.croupier.wallet;

import static dev.croupier.wallet.WalletHarness.leg;
import static dev.croupier.wallet.WalletHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.PostedBalance;
import dev.croupier.api.wallet.v1.Reference;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.errors.ErrorCode;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostTransactionIdempotencyTest {
  private WalletHarness w;
  private long house;

  @BeforeAll
  void start(PostgresDatabase db) {
    w = WalletHarness.start(db);
    house = w.house("COIN");
  }

  @AfterAll
  void stop() {
    w.close();
  }

  private PostTransactionRequest betAndWin(String key, long player, long bet, long win) {
    return request(key, TransactionKind.BET_AND_WIN, leg(player, win - bet), leg(house, bet - win))
        .toBuilder()
        .setReference(Reference.newBuilder().setSessionId("s-1").setRound(7))
        .putMetadata("game", "coin-flip@1")
        .build();
  }

  @Test
  void postReturnsTransactionAndNewBalanceOfEveryTouchedAccount() {
    long player = w.fundedPlayer(1_000);

    PostTransactionResponse r = w.wallet.postTransaction(betAndWin("bw-1", player, 100, 250));

    assertThat(r.getReplayed()).isFalse();
    assertThat(r.getTransactionId()).isPositive();
    assertThat(r.getBalancesList()).hasSize(2);
    PostedBalance p = r.getBalances(0);
    assertThat(p.getAccountId()).isEqualTo(player);
    assertThat(p.getBalance()).isEqualTo(1_150);
    assertThat(r.getBalances(1).getAccountId()).isEqualTo(house);
    assertThat(w.balance(player)).isEqualTo(1_150);
  }

  @Test
  void replayedKeyWithSameRequestReturnsTheOriginalResult() {
    long player = w.fundedPlayer(1_000);
    PostTransactionResponse first = w.wallet.postTransaction(betAndWin("bw-2", player, 100, 0));
    w.wallet.postTransaction(betAndWin("bw-2b", player, 50, 0));

    PostTransactionResponse again = w.wallet.postTransaction(betAndWin("bw-2", player, 100, 0));

    assertThat(again.getReplayed()).isTrue();
    assertThat(again.getTransactionId()).isEqualTo(first.getTransactionId());
    assertThat(again.getBalancesList()).isEqualTo(first.getBalancesList());
    assertThat(again.getCreatedAt()).isEqualTo(first.getCreatedAt());
    assertThat(w.balance(player)).isEqualTo(850);
    assertThat(
            w.queryLong("select count(*) from wallet.transaction where idempotency_key = 'bw-2'"))
        .isEqualTo(1);
  }

  @Test
  void replayOfAPostTheBalanceNoLongerCoversIsStillAReplay() {
    long player = w.fundedPlayer(100);
    PostTransactionResponse first = w.wallet.postTransaction(betAndWin("bw-spent", player, 100, 0));

    PostTransactionResponse again = w.wallet.postTransaction(betAndWin("bw-spent", player, 100, 0));

    assertThat(again.getReplayed()).isTrue();
    assertThat(again.getTransactionId()).isEqualTo(first.getTransactionId());
    assertThat(w.balance(player)).isZero();
  }

  @Test
  void replayedKeyWithDifferentAmountIsRejected() {
    long player = w.fundedPlayer(1_000);
    w.wallet.postTransaction(betAndWin("bw-3", player, 100, 0));
    String before = w.ledgerState();

    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> w.wallet.postTransaction(betAndWin("bw-3", player, 101, 0)));

    assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(w.ledgerState()).isEqualTo(before);
    assertThat(w.balance(player)).isEqualTo(900);
  }

  @Test
  void replayedKeyWithDifferentMetadataOrReferenceIsRejected() {
    long player = w.fundedPlayer(1_000);
    PostTransactionRequest original = betAndWin("bw-4", player, 10, 0);
    w.wallet.postTransaction(original);

    for (PostTransactionRequest changed :
        List.of(
            original.toBuilder().putMetadata("game", "other").build(),
            original.toBuilder().setReference(Reference.newBuilder().setRound(8)).build(),
            original.toBuilder().setKind(TransactionKind.BET).build())) {
      StatusRuntimeException e =
          catchThrowableOfType(
              StatusRuntimeException.class, () -> w.wallet.postTransaction(changed));
      assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.IDEMPOTENCY_CONFLICT);
    }
  }

  @Test
  void sixteenConcurrentCallsWithTheSameKeyMakeExactlyOneTransaction() throws Exception {
    long player = w.fundedPlayer(1_000);
    PostTransactionRequest req = betAndWin("bw-concurrent", player, 100, 30);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<PostTransactionResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Callable<PostTransactionResponse> call =
          () -> {
            go.await();
            return w.wallet.postTransaction(req);
          };
      calls.add(pool.submit(call));
    }
    go.countDown();
    List<PostTransactionResponse> results = new ArrayList<>();
    for (Future<PostTransactionResponse> f : calls) {
      results.add(f.get(30, TimeUnit.SECONDS));
    }
    pool.shutdown();

    assertThat(results)
        .extracting(PostTransactionResponse::getTransactionId)
        .containsOnly(results.get(0).getTransactionId());
    assertThat(results)
        .extracting(PostTransactionResponse::getBalancesList)
        .containsOnly(results.get(0).getBalancesList());
    assertThat(results).filteredOn(r -> !r.getReplayed()).hasSize(1);
    assertThat(
            w.queryLong(
                "select count(*) from wallet.transaction where idempotency_key = 'bw-concurrent'"))
        .isEqualTo(1);
    assertThat(w.balance(player)).isEqualTo(930);
  }

  @Test
  void concurrentReplaysOfAnEarlierPostAllReturnItsResult() throws Exception {
    long player = w.fundedPlayer(1_000);
    PostTransactionResponse original = w.wallet.postTransaction(betAndWin("bw-6", player, 5, 0));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<PostTransactionResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(pool.submit(() -> w.wallet.postTransaction(betAndWin("bw-6", player, 5, 0))));
    }
    for (Future<PostTransactionResponse> f : calls) {
      PostTransactionResponse r = f.get(30, TimeUnit.SECONDS);
      assertThat(r.getReplayed()).isTrue();
      assertThat(r.getTransactionId()).isEqualTo(original.getTransactionId());
      assertThat(r.getBalancesList()).isEqualTo(original.getBalancesList());
    }
    pool.shutdown();
  }

  @Test
  void keyOfExactly255CharactersIsAcceptedAndReplays() {
    long player = w.fundedPlayer(1_000);
    String key = "k".repeat(254) + "é";

    PostTransactionResponse first = w.wallet.postTransaction(betAndWin(key, player, 1, 0));
    PostTransactionResponse again = w.wallet.postTransaction(betAndWin(key, player, 1, 0));

    assertThat(again.getReplayed()).isTrue();
    assertThat(again.getTransactionId()).isEqualTo(first.getTransactionId());
  }

  @Test
  void keyOf256CharactersIsRejectedAsTooLongAndWritesNothing() {
    long player = w.fundedPlayer(1_000);
    String before = w.ledgerState();

    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> w.wallet.postTransaction(betAndWin("k".repeat(256), player, 1, 0)));

    assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.KEY_TOO_LONG);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(w.ledgerState()).isEqualTo(before);
  }

  @Test
  void failedPostCanBeRetriedWithTheSameKeyOnceItWouldSucceed() {
    long player = w.fundedPlayer(100);
    PostTransactionRequest bet = betAndWin("bw-retry", player, 150, 0);
    StatusRuntimeException e =
        catchThrowableOfType(StatusRuntimeException.class, () -> w.wallet.postTransaction(bet));
    assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.INSUFFICIENT_FUNDS);

    w.post("top-up-" + player, TransactionKind.GRANT, leg(w.promo("COIN"), -100), leg(player, 100));
    PostTransactionResponse r = w.wallet.postTransaction(bet);

    assertThat(r.getReplayed()).isFalse();
    assertThat(w.balance(player)).isEqualTo(50);
  }

  @Test
  void expiredDeadlineWritesNothingAndTheKeyStaysUsable() {
    long player = w.fundedPlayer(1_000);
    PostTransactionRequest req = betAndWin("bw-deadline", player, 10, 0);

    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> w.wallet.withDeadlineAfter(1, TimeUnit.NANOSECONDS).postTransaction(req));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    // Whatever happened, the same key now gives one definite outcome, and at most one post.
    PostTransactionResponse r = w.wallet.postTransaction(req);
    assertThat(w.balance(player)).isEqualTo(990);
    assertThat(
            w.queryLong(
                "select count(*) from wallet.transaction where idempotency_key = 'bw-deadline'"))
        .isEqualTo(1);
    assertThat(r.getTransactionId()).isPositive();
  }
}
