package dev.croupier.workflows.session;

import java.util.Map;

/**
 * One played and posted round, as the player sees it.
 *
 * @param round the round number, which is also the RNG nonce
 * @param stake the stake, in minor units
 * @param totalWin the fixed win, in minor units; the progressive jackpot is paid separately
 * @param jackpotHit whether the round hit the progressive jackpot (paid by the jackpot service)
 * @param outcome the plugin's outcome (reel stops, line wins …)
 * @param ledgerTransactionId the wallet transaction that posted stake, win and contribution
 * @param balanceAfter the player's balance right after that transaction
 */
public record RoundOutcome(
    long round,
    long stake,
    long totalWin,
    boolean jackpotHit,
    Map<String, Object> outcome,
    long ledgerTransactionId,
    long balanceAfter) {}
