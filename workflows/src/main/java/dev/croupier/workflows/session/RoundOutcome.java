package dev.croupier.workflows.session;

import java.util.Map;

/**
 * One played and posted round, as the player sees it.
 *
 * @param round the round number, which is also the RNG nonce
 * @param stake the stake, in minor units
 * @param totalWin the fixed win, in minor units; the progressive jackpot is in {@code jackpotWin}
 * @param jackpotHit whether the round hit the progressive jackpot
 * @param outcome the plugin's outcome (reel stops, line wins …)
 * @param ledgerTransactionId the wallet transaction that posted stake, win and contribution
 * @param balanceAfter the player's balance after the round's posts: that transaction and, on a
 *     jackpot hit, the jackpot's payout
 * @param jackpotWin the progressive jackpot paid for this round, in minor units; 0 when it did not
 *     hit (and in results recorded before jackpots were paid, which lack the field)
 */
public record RoundOutcome(
    long round,
    long stake,
    long totalWin,
    boolean jackpotHit,
    Map<String, Object> outcome,
    long ledgerTransactionId,
    long balanceAfter,
    long jackpotWin) {}
