package dev.croupier.wallet;

import static dev.croupier.wallet.WalletHarness.leg;
import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.errors.ErrorCode;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.WalletErrors;
import dev.croupier.wallet.testing.LedgerInvariants;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 64 threads post random transfers among 100 accounts, a hot house account among them; then the
 * ledger's invariants must hold.
 */
@ExtendWith(PostgresExtension.class)
class ConcurrentPostingInvariantsTest {
  private static final int THREADS = 64;
  private static final int POSTS_PER_THREAD = 40;

  @Test
  void randomConcurrentTransfersKeepEveryInvariant(PostgresDatabase db) throws Exception {
    try (WalletHarness w = WalletHarness.start(db)) {
      long house = w.house("COIN");
      List<Long> accounts = new ArrayList<>();
      accounts.add(house);
      for (int i = 0; i < 99; i++) {
        accounts.add(w.fundedPlayer(5_000));
      }
      AtomicInteger ok = new AtomicInteger();
      AtomicInteger insufficient = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        workers.add(
            pool.submit(
                () -> {
                  go.await();
                  SplittableRandom rnd = new SplittableRandom(thread);
                  for (int i = 0; i < POSTS_PER_THREAD; i++) {
                    try {
                      w.wallet.postTransaction(
                          WalletHarness.request(
                              "c-" + thread + "-" + i,
                              TransactionKind.ADJUSTMENT,
                              randomLegs(rnd, accounts, house)));
                      ok.incrementAndGet();
                    } catch (StatusRuntimeException e) {
                      assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.INSUFFICIENT_FUNDS);
                      insufficient.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : workers) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(ok.get() + insufficient.get()).isEqualTo(THREADS * POSTS_PER_THREAD);
      assertThat(ok.get()).isGreaterThan(THREADS * POSTS_PER_THREAD / 2);
      assertThat(insufficient.get()).as("some posts must hit the balance floor").isPositive();
      assertThat(LedgerInvariants.violations(w.dataSource)).isEmpty();
      assertThat(
              w.queryLong(
                  "select count(*) from wallet.transaction where idempotency_key like 'c-%'"))
          .isEqualTo(ok.get());
      assertThat(
              w.queryLong(
                  "select count(distinct shard) from wallet.entry where account_id = " + house))
          .as("the house's bets spread over its sub-accounts")
          .isGreaterThan(8);
      assertThat(w.engine.stats().maxBatch()).as("posts were grouped").isGreaterThan(1);
    }
  }

  /** Half the posts are bets against the house; the rest move money between two or three. */
  private static Leg[] randomLegs(SplittableRandom rnd, List<Long> accounts, long house) {
    long amount = 1 + rnd.nextLong(3_000);
    long from = accounts.get(1 + rnd.nextInt(accounts.size() - 1));
    if (rnd.nextBoolean()) {
      long win = rnd.nextInt(3) == 0 ? 2 * amount : 0;
      if (win == amount) {
        win++;
      }
      return new Leg[] {leg(from, win - amount), leg(house, amount - win)};
    }
    long to = accounts.get(rnd.nextInt(accounts.size()));
    if (to == from) {
      to = house;
    }
    if (rnd.nextInt(4) == 0) {
      long third = accounts.get(rnd.nextInt(accounts.size()));
      return new Leg[] {leg(from, -amount), leg(to, amount - 1), leg(third, 1)};
    }
    return new Leg[] {leg(from, -amount), leg(to, amount)};
  }
}
