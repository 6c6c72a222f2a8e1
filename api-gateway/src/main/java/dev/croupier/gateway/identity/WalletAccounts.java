package dev.croupier.gateway.identity;

import java.util.UUID;

/** The wallet as identity sees it: a new player's account and welcome play money. */
public interface WalletAccounts {
  /**
   * Opens the player's play-money account (idempotent per owner, currency and type) and asks the
   * wallet for its welcome grant, which the wallet posts itself from its promo account with
   * idempotency key {@code grant/welcome/<userId>}, kind GRANT. Calling it any number of times
   * grants exactly once: a repeat replays the original post.
   *
   * @return the player's account and balance right after the grant
   * @throws WalletUnavailableException when the wallet cannot be reached or answers with an error;
   *     the outcome may be unknown, and calling again with the same user settles it
   */
  WelcomeGrant openPlayerAccountAndGrantWelcome(UUID userId);

  /**
   * The outcome of a grant.
   *
   * @param replayed true when the grant had already been posted by an earlier call
   */
  record WelcomeGrant(long accountId, long balance, boolean replayed) {}

  /** The wallet call failed; the grant stays owed and is retried at the next login. */
  final class WalletUnavailableException extends RuntimeException {
    public WalletUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
