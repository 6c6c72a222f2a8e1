package dev.croupier.wallet;

import static dev.croupier.wallet.WalletHarness.leg;
import static dev.croupier.wallet.WalletHarness.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.errors.ErrorCode;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every error code of PostTransaction, each checked to write nothing at all. */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostTransactionErrorsTest {
  private WalletHarness w;
  private long house;
  private long player;

  @BeforeAll
  void start(PostgresDatabase db) {
    w = WalletHarness.start(db);
    house = w.house("COIN");
    player = w.fundedPlayer(500);
  }

  @AfterAll
  void stop() {
    w.close();
  }

  /** The seeded CASH house; opening CASH accounts is refused while real money is off. */
  private long cashHouse() {
    return w.queryLong("select id from wallet.account where type = 'HOUSE' and currency = 'CASH'");
  }

  /** Posts {@code req}, expects {@code code} and {@code status}, and that nothing changed. */
  private void rejects(PostTransactionRequest req, ErrorCode code, Status.Code status) {
    String before = w.ledgerState();

    StatusRuntimeException e =
        catchThrowableOfType(StatusRuntimeException.class, () -> w.wallet.postTransaction(req));

    assertThat(e).as("expected %s", code).isNotNull();
    assertThat(WalletErrors.codeOf(e)).contains(code);
    assertThat(e.getStatus().getCode()).isEqualTo(status);
    assertThat(w.ledgerState()).as("nothing written").isEqualTo(before);
    assertThat(
            w.queryLong(
                "select count(*) from wallet.transaction where idempotency_key = '"
                    + req.getIdempotencyKey().replace("'", "''")
                    + "'"))
        .isZero();
  }

  @Test
  void debitBeyondThePlayerBalanceIsInsufficientFunds() {
    rejects(
        request("e-funds", TransactionKind.BET, leg(player, -501), leg(house, 501)),
        ErrorCode.INSUFFICIENT_FUNDS,
        Status.Code.FAILED_PRECONDITION);
    assertThat(w.balance(player)).isEqualTo(500);
  }

  @Test
  void insufficientFundsInOneLegFailsTheWholePostEvenIfALaterLegWouldCoverIt() {
    rejects(
        request(
            "e-funds-2",
            TransactionKind.ADJUSTMENT,
            leg(player, -600),
            leg(player, 300),
            leg(house, 300)),
        ErrorCode.INSUFFICIENT_FUNDS,
        Status.Code.FAILED_PRECONDITION);
  }

  @Test
  void legsThatDoNotSumToZeroAreUnbalanced() {
    rejects(
        request("e-unbalanced", TransactionKind.BET, leg(player, -10), leg(house, 9)),
        ErrorCode.UNBALANCED,
        Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void legsBalancedOnlyAcrossCurrenciesAreUnbalanced() {
    rejects(
        request(
            "e-unbalanced-2",
            TransactionKind.BET,
            leg(player, "COIN", -10),
            leg(cashHouse(), "CASH", 10)),
        ErrorCode.UNBALANCED,
        Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void legInACurrencyOtherThanItsAccountsIsACurrencyMismatch() {
    rejects(
        request(
            "e-mismatch",
            TransactionKind.BET,
            leg(player, "COIN", -10),
            leg(cashHouse(), "COIN", 10)),
        ErrorCode.CURRENCY_MISMATCH,
        Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void legOnAnAccountThatDoesNotExistIsUnknownAccount() {
    rejects(
        request("e-unknown", TransactionKind.BET, leg(player, -10), leg(987_654_321L, 10)),
        ErrorCode.UNKNOWN_ACCOUNT,
        Status.Code.NOT_FOUND);
  }

  @Test
  void cashIsDisabledUntilRealMoneyIsSwitchedOn() {
    rejects(
        request(
            "e-disabled",
            TransactionKind.GRANT,
            leg(w.promo("COIN"), "CASH", -10),
            leg(w.house("COIN"), "CASH", 10)),
        ErrorCode.CURRENCY_DISABLED,
        Status.Code.FAILED_PRECONDITION);
    StatusRuntimeException open =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> w.open(UUID.randomUUID().toString(), "CASH", AccountType.PLAYER));
    assertThat(WalletErrors.codeOf(open)).contains(ErrorCode.CURRENCY_DISABLED);
  }

  @Test
  void zeroAmountIsInvalid() {
    rejects(
        request("e-zero", TransactionKind.BET, leg(player, 0), leg(player, -1), leg(house, 1)),
        ErrorCode.INVALID_AMOUNT,
        Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void amountsWhoseSumOverflowsAreInvalid() {
    rejects(
        request(
            "e-overflow",
            TransactionKind.ADJUSTMENT,
            leg(house, Long.MAX_VALUE),
            leg(house, Long.MAX_VALUE),
            leg(w.promo("COIN"), 2)),
        ErrorCode.INVALID_AMOUNT,
        Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void minimumLongAmountIsInvalid() {
    rejects(
        request("e-min", TransactionKind.ADJUSTMENT, leg(house, Long.MIN_VALUE), leg(house, 1)),
        ErrorCode.INVALID_AMOUNT,
        Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void creditThatWouldOverflowTheBalanceIsInvalid() {
    long rich = w.fundedPlayer(Long.MAX_VALUE / 2);
    w.post(
        "e-rich",
        TransactionKind.WIN,
        leg(rich, Long.MAX_VALUE / 2 - 20),
        leg(house, -(Long.MAX_VALUE / 2 - 20)));
    rejects(
        request("e-balance-overflow", TransactionKind.WIN, leg(rich, 100), leg(house, -100)),
        ErrorCode.INVALID_AMOUNT,
        Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void reusedKeyWithAnotherRequestIsAnIdempotencyConflict() {
    w.post("e-conflict", TransactionKind.BET, leg(player, -1), leg(house, 1));
    String before = w.ledgerState();

    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> w.post("e-conflict", TransactionKind.BET, leg(player, -2), leg(house, 2)));

    assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.IDEMPOTENCY_CONFLICT);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(w.ledgerState()).isEqualTo(before);
  }

  @Test
  void keyLongerThan255CharactersIsTooLong() {
    rejects(
        request("x".repeat(256), TransactionKind.BET, leg(player, -1), leg(house, 1)),
        ErrorCode.KEY_TOO_LONG,
        Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void moreThan32LegsAreTooMany() {
    List<Leg> legs = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      legs.add(leg(house, i % 2 == 0 ? 1 : -1));
    }
    legs.add(leg(house, -1));
    rejects(
        request("e-legs", TransactionKind.ADJUSTMENT, legs.toArray(Leg[]::new)),
        ErrorCode.TOO_MANY_LEGS,
        Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void missingKindOrLegsFailValidation() {
    rejects(
        request(
            "e-kind", TransactionKind.TRANSACTION_KIND_UNSPECIFIED, leg(player, -1), leg(house, 1)),
        ErrorCode.VALIDATION_FAILED,
        Status.Code.INVALID_ARGUMENT);
    rejects(
        request("e-nolegs", TransactionKind.BET),
        ErrorCode.VALIDATION_FAILED,
        Status.Code.INVALID_ARGUMENT);
    rejects(
        request("e-reversal", TransactionKind.REVERSAL, leg(player, -1), leg(house, 1)),
        ErrorCode.VALIDATION_FAILED,
        Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void badPostInAConcurrentBatchFailsAloneWhileTheOthersCommit() throws Exception {
    long a = w.fundedPlayer(100);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
    List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      int n = i;
      calls.add(
          pool.submit(
              () -> {
                long amount = n == 7 ? 1_000 : 1;
                try {
                  w.post("e-batch-" + n, TransactionKind.BET, leg(a, -amount), leg(house, amount));
                  return true;
                } catch (StatusRuntimeException e) {
                  assertThat(n).isEqualTo(7);
                  assertThat(WalletErrors.codeOf(e)).contains(ErrorCode.INSUFFICIENT_FUNDS);
                  return false;
                }
              }));
    }
    for (var f : calls) {
      f.get();
    }
    pool.shutdown();

    assertThat(w.balance(a)).isEqualTo(100 - 31);
    assertThat(
            w.queryLong(
                "select count(*) from wallet.transaction where idempotency_key like 'e-batch-%'"))
        .isEqualTo(31);
  }
}
