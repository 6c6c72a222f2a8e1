package dev.croupier.workflows.approval;

/**
 * What the wallet answered to an adjustment's post.
 *
 * @param transactionId the wallet transaction
 * @param balanceAfter the player's balance right after it
 * @param replayed whether the wallet had already posted it under the same key
 */
public record Posted(long transactionId, long balanceAfter, boolean replayed) {}
