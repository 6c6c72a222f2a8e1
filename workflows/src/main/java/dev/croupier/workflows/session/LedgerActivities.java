package dev.croupier.workflows.session;

import io.temporal.activity.ActivityInterface;
import java.util.UUID;

/**
 * The wallet calls of a session. Every method is idempotent: retrying it, after a timeout, a worker
 * crash or a replay, never moves money twice.
 *
 * <p>An unknown outcome (a deadline exceeded or an unavailable wallet) is resolved by repeating the
 * same request with the same idempotency key: the wallet answers with the original result. This is
 * the lookup that reconciles it; nothing is ever posted under a new key.
 */
@ActivityInterface(namePrefix = "Ledger.")
public interface LedgerActivities {

  /**
   * Opens (or finds) the player's account in the game's currency and finds the house and jackpot
   * pool accounts. Idempotent per (user, currency): the wallet's OpenAccount returns the existing
   * account.
   */
  SessionAccounts openAccounts(UUID userId, String currency);

  /**
   * Posts one round as one atomic {@code BET_AND_WIN} transaction with the key {@code
   * posting.idempotencyKey()}: player −stake, house +stake; house −win, player +win; house
   * −contribution, pool +contribution. Same key and same request: the original result, marked
   * replayed.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable, typed {@code INSUFFICIENT_FUNDS}
   *     (nothing posted: the round is void), {@code IDEMPOTENCY_CONFLICT} (another request was
   *     posted under this round's key: see {@link #findRound}) or another wallet business code
   */
  PostedRound postRound(RoundPosting posting);

  /**
   * The round posted under an idempotency key, or null if none: the wallet's GetTransaction by key.
   * Used to adopt a round that was posted by a request the session never recorded.
   */
  PostedRound findRound(String idempotencyKey);
}
