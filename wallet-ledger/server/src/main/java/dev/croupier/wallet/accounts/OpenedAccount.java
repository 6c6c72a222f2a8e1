package dev.croupier.wallet.accounts;

/** The result of opening an account: the account, and whether this call created it. */
public record OpenedAccount(Account account, boolean created) {}
