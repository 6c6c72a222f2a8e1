package dev.croupier.workflows.session;

/**
 * A round as the ledger holds it.
 *
 * @param transactionId the wallet transaction
 * @param playerBalance the player's balance right after it
 * @param replayed whether this answer is the original result of an earlier post with the same key
 * @param requestId the request that posted it (from the transaction's metadata)
 * @param spins the rounds that request asked for
 * @param clientSeed the client seed of the round
 * @param stake the stake posted
 * @param currency the currency
 * @param win the win posted
 */
public record PostedRound(
    long transactionId,
    long playerBalance,
    boolean replayed,
    String requestId,
    int spins,
    String clientSeed,
    long stake,
    String currency,
    long win) {}
