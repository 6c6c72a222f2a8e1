package dev.croupier.wallet.posting;

/** A sub-account's balance right after a post's last entry on it. */
public record PostedBalance(long accountId, String currency, int subAccount, long balance) {}
