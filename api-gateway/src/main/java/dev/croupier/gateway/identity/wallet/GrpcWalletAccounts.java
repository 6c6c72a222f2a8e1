package dev.croupier.gateway.identity.wallet;

import dev.croupier.api.wallet.v1.AccountType;
import dev.croupier.api.wallet.v1.OpenAccountRequest;
import dev.croupier.api.wallet.v1.OpenAccountResponse;
import dev.croupier.gateway.identity.IdentityProperties;
import dev.croupier.gateway.identity.WalletAccounts;
import dev.croupier.wallet.api.WalletErrors;
import io.grpc.StatusRuntimeException;
import java.util.UUID;

/**
 * {@link WalletAccounts} over the wallet's gRPC API: one OpenAccount that asks for the wallet's own
 * welcome grant. Idempotent on the wallet's side: the account per (owner, currency, type), the
 * grant per player (key {@code grant/welcome/<user_id>}). The gateway posts nothing itself.
 */
final class GrpcWalletAccounts implements WalletAccounts {
  private final WalletCalls wallet;
  private final IdentityProperties.WelcomeGrant grant;

  GrpcWalletAccounts(WalletCalls wallet, IdentityProperties.WelcomeGrant grant) {
    this.wallet = wallet;
    this.grant = grant;
  }

  @Override
  public WelcomeGrant openPlayerAccountAndGrantWelcome(UUID userId) {
    try {
      OpenAccountResponse r =
          wallet
              .call()
              .openAccount(
                  OpenAccountRequest.newBuilder()
                      .setOwnerId(userId.toString())
                      .setCurrency(grant.currency())
                      .setType(AccountType.PLAYER)
                      .setWelcomeGrant(true)
                      .build());
      long account = r.getAccount().getAccountId();
      if (!r.hasWelcomeGrant()) {
        return new WelcomeGrant(account, 0, !r.getCreated());
      }
      return new WelcomeGrant(
          account, r.getWelcomeGrant().getBalance(), r.getWelcomeGrant().getReplayed());
    } catch (StatusRuntimeException e) {
      String code = WalletErrors.codeOf(e).map(Enum::name).orElse(e.getStatus().getCode().name());
      throw new WalletUnavailableException("wallet refused or unreachable: " + code, e);
    }
  }
}
