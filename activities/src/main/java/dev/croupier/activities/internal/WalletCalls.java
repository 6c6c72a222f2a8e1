package dev.croupier.activities.internal;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.StatusRuntimeException;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/** What the session and table ledger activities share when they call the wallet. */
public final class WalletCalls {
  private WalletCalls() {}

  /**
   * A failed wallet call as the activity throws it: a non-retryable failure typed with the error
   * code when the wallet refused the request for a business reason (a code that is not {@link
   * ErrorCode#retryable()}), else {@code e} itself, for the activity's retry policy to retry under
   * the same idempotency key.
   */
  public static RuntimeException classify(StatusRuntimeException e) {
    Optional<ErrorCode> code = WalletErrors.codeOf(e);
    if (code.isPresent() && !code.get().retryable()) {
      return ApplicationFailure.newNonRetryableFailure(
          String.valueOf(e.getStatus().getDescription()), code.get().name());
    }
    return e;
  }

  /** Opens (or finds) the account of {@code owner} ({@code ""} for system accounts). */
  public static long openAccount(
      WalletGrpc.WalletBlockingStub wallet, String owner, String currency, AccountType type) {
    return wallet
        .openAccount(
            OpenAccountRequest.newBuilder()
                .setOwnerId(owner)
                .setCurrency(currency)
                .setType(type)
                .build())
        .getAccount()
        .getAccountId();
  }

  /** One leg of a transaction. */
  public static Leg leg(long account, String currency, long amount) {
    return Leg.newBuilder().setAccountId(account).setCurrency(currency).setAmount(amount).build();
  }
}
