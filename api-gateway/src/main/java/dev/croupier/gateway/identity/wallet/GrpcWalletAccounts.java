package dev.croupier.gateway.identity.wallet;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.Leg;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.PostTransactionRequest;
import dev.croupier.api.wallet.v1.PostTransactionResponse;
import dev.croupier.api.wallet.v1.PostedBalance;
import dev.croupier.api.wallet.v1.TransactionKind;
import dev.croupier.api.wallet.v1.WalletGrpc;
import dev.croupier.gateway.identity.IdentityProperties;
import dev.croupier.gateway.identity.WalletAccounts;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.StatusRuntimeException;
import java.util.UUID;

/**
 * {@link WalletAccounts} over the wallet's gRPC API. Both calls are idempotent on the wallet's
 * side: OpenAccount per (owner, currency, type), PostTransaction per idempotency key.
 */
final class GrpcWalletAccounts implements WalletAccounts {
  static final String CALLER = "api-gateway";

  private final WalletCalls wallet;
  private final IdentityProperties.WelcomeGrant grant;
  private volatile long promoAccountId;

  GrpcWalletAccounts(WalletCalls wallet, IdentityProperties.WelcomeGrant grant) {
    this.wallet = wallet;
    this.grant = grant;
  }

  static String idempotencyKey(UUID userId) {
    return "grant/welcome/" + userId;
  }

  @Override
  public WelcomeGrant openPlayerAccountAndGrantWelcome(UUID userId) {
    try {
      long promo = promoAccount();
      long player = open(userId.toString(), AccountType.PLAYER);
      PostTransactionResponse response =
          call()
              .postTransaction(
                  PostTransactionRequest.newBuilder()
                      .setIdempotencyKey(idempotencyKey(userId))
                      .setKind(TransactionKind.GRANT)
                      .addLegs(leg(promo, -grant.amount()))
                      .addLegs(leg(player, grant.amount()))
                      .putMetadata("reason", "welcome")
                      .putMetadata("user_id", userId.toString())
                      .build());
      long balance =
          response.getBalancesList().stream()
              .filter(b -> b.getAccountId() == player)
              .mapToLong(PostedBalance::getBalance)
              .findFirst()
              .orElse(grant.amount());
      return new WelcomeGrant(player, balance, response.getReplayed());
    } catch (StatusRuntimeException e) {
      String code = WalletErrors.codeOf(e).map(Enum::name).orElse(e.getStatus().getCode().name());
      throw new WalletUnavailableException("wallet refused or unreachable: " + code, e);
    }
  }

  private long promoAccount() {
    long id = promoAccountId;
    if (id == 0) {
      id = open("", AccountType.PROMO);
      promoAccountId = id;
    }
    return id;
  }

  private long open(String owner, AccountType type) {
    return call()
        .openAccount(
            OpenAccountRequest.newBuilder()
                .setOwnerId(owner)
                .setCurrency(grant.currency())
                .setType(type)
                .build())
        .getAccount()
        .getAccountId();
  }

  private Leg leg(long accountId, long amount) {
    return Leg.newBuilder()
        .setAccountId(accountId)
        .setCurrency(grant.currency())
        .setAmount(amount)
        .build();
  }

  private WalletGrpc.WalletBlockingStub call() {
    return wallet.call();
  }
}
