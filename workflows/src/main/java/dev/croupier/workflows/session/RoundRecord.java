package dev.croupier.workflows.session;

import java.util.Map;
import java.util.UUID;

/**
 * A round as the projection records it: inputs, RNG proof, outcome and ledger post.
 *
 * @param sessionId the session
 * @param userId the player
 * @param round the round number
 * @param requestId the request that played it
 * @param stake the stake
 * @param currency the currency
 * @param outcome the plugin's outcome
 * @param totalWin the fixed win
 * @param jackpotContribution the share of the stake fed to the pool
 * @param jackpotHit whether the jackpot was hit
 * @param nonce the RNG nonce (the round number)
 * @param clientSeed the client seed of the round
 * @param ledgerKey the idempotency key of the round's transaction
 * @param ledgerTransactionId the wallet transaction
 * @param balanceAfter the player's balance after it (before any jackpot payout)
 * @param playedAtMillis workflow time of the round
 * @param jackpotWin the progressive jackpot paid for the round, 0 when none
 * @param jackpotTransactionId the wallet's {@code JACKPOT_WIN} transaction, 0 when none
 */
public record RoundRecord(
    UUID sessionId,
    UUID userId,
    long round,
    String requestId,
    long stake,
    String currency,
    Map<String, Object> outcome,
    long totalWin,
    long jackpotContribution,
    boolean jackpotHit,
    long nonce,
    String clientSeed,
    String ledgerKey,
    long ledgerTransactionId,
    long balanceAfter,
    long playedAtMillis,
    long jackpotWin,
    long jackpotTransactionId) {}
