package dev.croupier.wallet.posting;

/**
 * Moves the whole balance of one account to another, as it stands under the row lock when the post
 * is applied: the progressive jackpot's payout. Both accounts have one sub-account and hold {@code
 * currency}. Its entries come first in the transaction (legs 0 and 1); an empty or negative balance
 * moves nothing and writes no entries.
 */
public record Sweep(long fromAccountId, long toAccountId, String currency) {}
