package dev.croupier.wallet.accounts;

import dev.croupier.wallet.ledger.AccountType;
import java.util.Optional;
import java.util.UUID;

/**
 * An account's committed balance: the sum over its sub-accounts.
 *
 * @param owner the user or table that owns it; empty for system accounts
 */
public record AccountBalance(
    long accountId, String currency, long balance, AccountType type, Optional<UUID> owner) {}
