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
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@link WalletAccounts} over the wallet's gRPC API. Both calls are idempotent on the wallet's
 * side: OpenAccount per (owner, currency, type), PostTransaction per idempotency key.
 */
final class GrpcWalletAccounts implements WalletAccounts {
  static final String CALLER = "api-gateway";

  private final WalletGrpc.WalletBlockingStub stub;
  private final ManagedChannel channel;
  private final IdentityProperties.WelcomeGrant grant;
  private final Duration deadline;
  private volatile long promoAccountId;

  GrpcWalletAccounts(
      ManagedChannel channel,
      WalletGrpc.WalletBlockingStub stub,
      IdentityProperties.WelcomeGrant grant,
      Duration deadline) {
    this.channel = channel;
    this.stub = stub;
    this.grant = grant;
    this.deadline = deadline;
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
      if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
        // Try the wallet again at the next call rather than after gRPC's growing backoff.
        channel.resetConnectBackoff();
      }
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
    // Wait for a connection within the deadline instead of failing at once while reconnecting.
    return stub.withWaitForReady().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }
}
