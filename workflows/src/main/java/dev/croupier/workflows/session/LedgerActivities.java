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

  /**
   * Pays the progressive jackpot of a round that hit it: the wallet's {@code PayJackpot} under
   * {@code payout.idempotencyKey()} moves the whole pool of the currency to the player and reseeds
   * the pool from the house, in one atomic {@code JACKPOT_WIN} post. The amount is not in the
   * request: the wallet reads the pool under its lock, so of two winners racing each other the
   * first gets the pool and the second what the pool holds then (the reseed).
   *
   * <p>Same key: the original result, marked replayed, however the pool changed since; nothing is
   * paid twice. An empty pool with nothing to reseed posts nothing and answers {@link
   * JackpotPaid#NOTHING}.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable, typed with the wallet's business
   *     code (for example {@code CURRENCY_DISABLED}); nothing was paid and the key is unused
   */
  JackpotPaid payJackpot(JackpotPayout payout);
}
