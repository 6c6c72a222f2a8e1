package dev.croupier.workflows.session;

import java.util.Objects;
import java.util.UUID;

/**
 * One round's movements, posted as one transaction.
 *
 * @param idempotencyKey {@code session-<id>/round-<n>}, from business ids only
 * @param sessionId the session
 * @param round the round number
 * @param requestId the request that played it
 * @param spins the number of rounds that request asked for
 * @param clientSeed the client seed of the round
 * @param game {@code gameId@version}
 * @param accounts where the money moves
 * @param stake the stake, {@code > 0}
 * @param win the fixed win, {@code >= 0}
 * @param jackpotContribution the share of the stake fed to the pool, {@code >= 0}
 * @param jackpotHit whether the round hit the jackpot (recorded in the metadata; the pool is paid
 *     afterwards by {@link LedgerActivities#payJackpot})
 */
public record RoundPosting(
    String idempotencyKey,
    UUID sessionId,
    long round,
    String requestId,
    int spins,
    String clientSeed,
    String game,
    SessionAccounts accounts,
    long stake,
    long win,
    long jackpotContribution,
    boolean jackpotHit) {
  public RoundPosting {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(accounts, "accounts");
    if (stake <= 0 || win < 0 || jackpotContribution < 0 || jackpotContribution > stake) {
      throw new IllegalArgumentException("need stake > 0, win >= 0, 0 <= contribution <= stake");
    }
  }
}
