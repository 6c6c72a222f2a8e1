package dev.croupier.gateway.identity.internal;

import dev.croupier.gateway.identity.WalletAccounts;
import java.time.Clock;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Settles the welcome grant a user is owed. The user row is committed first and the wallet called
 * after, so a crash or a wallet outage in between leaves a user whose {@code wallet_ready_at} is
 * null; the next login calls the wallet again, and its idempotency key ({@code
 * grant/welcome/<user_id>}) makes sure the grant is posted once.
 */
@Component
final class WelcomeGrants {
  private static final Logger log = LoggerFactory.getLogger(WelcomeGrants.class);

  private final WalletAccounts wallet;
  private final UserRepository users;
  private final DSLContext dsl;
  private final Clock clock;

  WelcomeGrants(WalletAccounts wallet, UserRepository users, DSLContext dsl, Clock clock) {
    this.wallet = wallet;
    this.users = users;
    this.dsl = dsl;
    this.clock = clock;
  }

  /** Tries to settle the grant; true when it is settled now, false when it is still owed. */
  boolean trySettle(UUID userId) {
    try {
      WalletAccounts.WelcomeGrant grant = wallet.openPlayerAccountAndGrantWelcome(userId);
      dsl.transaction(c -> users.markWalletReady(c.dsl(), userId, clock.instant()));
      log.info(
          "Welcome grant for user {} settled on account {} (replayed={})",
          userId,
          grant.accountId(),
          grant.replayed());
      return true;
    } catch (WalletAccounts.WalletUnavailableException e) {
      log.warn("Welcome grant for user {} still owed: {}", userId, e.getMessage());
      return false;
    }
  }
}
