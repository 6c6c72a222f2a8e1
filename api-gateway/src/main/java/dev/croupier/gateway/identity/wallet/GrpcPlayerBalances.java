package dev.croupier.gateway.identity.wallet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.GetBalanceRequest;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.identity.PlayerBalances;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.UUID;

/** {@link PlayerBalances} over the wallet's gRPC API; account ids are cached, balances never. */
final class GrpcPlayerBalances implements PlayerBalances {
  private final WalletCalls wallet;
  private final Cache<String, Long> accounts =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(1)).build();

  GrpcPlayerBalances(WalletCalls wallet) {
    this.wallet = wallet;
  }

  @Override
  public long balance(UUID userId, String currency) {
    try {
      long account =
          accounts.get(
              userId + "/" + currency,
              k ->
                  call()
                      .openAccount(
                          OpenAccountRequest.newBuilder()
                              .setOwnerId(userId.toString())
                              .setCurrency(currency)
                              .setType(AccountType.PLAYER)
                              .build())
                      .getAccount()
                      .getAccountId());
      return call()
          .getBalance(GetBalanceRequest.newBuilder().setAccountId(account).build())
          .getBalance();
    } catch (StatusRuntimeException e) {
      ErrorCode code = WalletErrors.codeOf(e).orElse(ErrorCode.UNAVAILABLE);
      throw new CroupierException(code, "wallet: " + code.description());
    }
  }

  private WalletGrpc.WalletBlockingStub call() {
    return wallet.call();
  }
}
