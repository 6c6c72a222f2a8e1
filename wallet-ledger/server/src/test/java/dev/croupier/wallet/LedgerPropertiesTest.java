package dev.croupier.wallet;

import static dev.croupier.wallet.WalletHarness.leg;
import static dev.croupier.wallet.WalletHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.errors.ErrorCode;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.WalletErrors;
import dev.croupier.wallet.testing.LedgerInvariants;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Any sequence of valid and invalid posts keeps the ledger's invariants, and every outcome is what
 * a simple in-memory model of the balances predicts.
 */
class LedgerPropertiesTest {
  private static final int PLAYERS = 4;
  private static final long START = 500;
  private static final AtomicLong TRY = new AtomicLong();
  private static PostgresDatabase db;
  private static WalletHarness w;
  private static long house;

  /** One step of a generated sequence. */
  sealed interface Op {}

  /** Moves money between two of the try's accounts (index PLAYERS is the house). */
  record Transfer(int from, int to, long amount) implements Op {}

  record Unbalanced(int account, long amount) implements Op {}

  record UnknownAccount(long amount) implements Op {}

  record ZeroAmount(int account) implements Op {}

  /** The last successful post again, unchanged. */
  record Replay() implements Op {}

  /** The last successful post's key with another amount. */
  record ConflictingReplay() implements Op {}

  @BeforeContainer
  static void start() {
    db = PostgresExtension.createDatabase();
    w = WalletHarness.start(db);
    house = w.house("COIN");
  }

  @AfterContainer
  static void stop() {
    w.close();
    PostgresExtension.dropDatabase(db);
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Integer> account = Arbitraries.integers().between(0, PLAYERS);
    Arbitrary<Long> amount = Arbitraries.longs().between(1, 800);
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                8, Combinators.combine(account, account, amount).as(Transfer::new)),
            net.jqwik.api.Tuple.of(1, Combinators.combine(account, amount).as(Unbalanced::new)),
            net.jqwik.api.Tuple.of(1, amount.map(UnknownAccount::new)),
            net.jqwik.api.Tuple.of(1, account.map(ZeroAmount::new)),
            net.jqwik.api.Tuple.of(2, Arbitraries.just(new Replay())),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(new ConflictingReplay())));
    return op.list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 40)
  void anySequenceOfPostsKeepsTheInvariantsAndMatchesTheModel(@ForAll("operations") List<Op> ops) {
    long tryId = TRY.incrementAndGet();
    List<Long> accounts = new ArrayList<>();
    Map<Long, Long> model = new HashMap<>();
    for (int i = 0; i < PLAYERS; i++) {
      long p = w.fundedPlayer(START);
      accounts.add(p);
      model.put(p, START);
    }
    accounts.add(house);
    Optional<Posted> last = Optional.empty();
    int n = 0;
    for (Op op : ops) {
      String key = "prop-" + tryId + "-" + n++;
      switch (op) {
        case Transfer t -> {
          long from = accounts.get(t.from());
          long to = accounts.get(t.to()) == from ? house : accounts.get(t.to());
          if (from == house && to == house) {
            continue;
          }
          Leg[] legs = {leg(from, -t.amount()), leg(to, t.amount())};
          boolean covered = from == house || model.get(from) >= t.amount();
          Outcome o = post(key, legs);
          if (covered) {
            assertThat(o.error()).isEmpty();
            model.computeIfPresent(from, (k, v) -> v - t.amount());
            model.computeIfPresent(to, (k, v) -> v + t.amount());
            last = Optional.of(new Posted(key, legs, o.response().orElseThrow()));
          } else {
            assertThat(o.error()).contains(ErrorCode.INSUFFICIENT_FUNDS);
          }
        }
        case Unbalanced u ->
            assertThat(
                    post(
                            key,
                            leg(accounts.get(u.account()), -u.amount()),
                            leg(house, u.amount() + 1))
                        .error())
                .contains(ErrorCode.UNBALANCED);
        case UnknownAccount u ->
            assertThat(
                    post(key, leg(house, -u.amount()), leg(Long.MAX_VALUE - tryId, u.amount()))
                        .error())
                .contains(ErrorCode.UNKNOWN_ACCOUNT);
        case ZeroAmount z ->
            assertThat(post(key, leg(accounts.get(z.account()), 0), leg(house, 0)).error())
                .contains(ErrorCode.INVALID_AMOUNT);
        case Replay r -> {
          if (last.isPresent()) {
            Outcome o = post(last.get().key(), last.get().legs());
            assertThat(o.response()).isPresent();
            assertThat(o.response().get().getReplayed()).isTrue();
            assertThat(o.response().get().getTransactionId())
                .isEqualTo(last.get().response().getTransactionId());
            assertThat(o.response().get().getBalancesList())
                .isEqualTo(last.get().response().getBalancesList());
          }
        }
        case ConflictingReplay c -> {
          if (last.isPresent()) {
            Leg[] legs = last.get().legs();
            Leg[] changed = {
              legs[0].toBuilder().setAmount(legs[0].getAmount() - 1).build(),
              legs[1].toBuilder().setAmount(legs[1].getAmount() + 1).build()
            };
            assertThat(post(last.get().key(), changed).error())
                .contains(ErrorCode.IDEMPOTENCY_CONFLICT);
          }
        }
      }
    }
    for (int i = 0; i < PLAYERS; i++) {
      assertThat(w.balance(accounts.get(i))).isEqualTo(model.get(accounts.get(i)));
    }
    assertThat(LedgerInvariants.violations(w.dataSource)).isEmpty();
  }

  private record Posted(String key, Leg[] legs, PostTransactionResponse response) {}

  private record Outcome(Optional<PostTransactionResponse> response, Optional<ErrorCode> error) {}

  private static Outcome post(String key, Leg... legs) {
    try {
      return new Outcome(
          Optional.of(w.wallet.postTransaction(request(key, TransactionKind.ADJUSTMENT, legs))),
          Optional.empty());
    } catch (StatusRuntimeException e) {
      return new Outcome(Optional.empty(), WalletErrors.codeOf(e));
    }
  }
}
