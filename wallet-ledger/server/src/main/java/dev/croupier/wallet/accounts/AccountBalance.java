package dev.croupier.wallet.accounts;

import dev.croupier.wallet.ledger.AccountType;

/** An account's committed balance: the sum over its sub-accounts. */
public record AccountBalance(long accountId, String currency, long balance, AccountType type) {}
