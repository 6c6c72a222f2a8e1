package dev.croupier.wallet.accounts;

import dev.croupier.wallet.ledger.AccountType;
import java.util.Optional;
import java.util.UUID;

/**
 * An account. Everything here is fixed when the account is opened, which is why posting may cache
 * it.
 *
 * @param subAccounts how many sub-accounts (balance rows) hold its money; 1 except for the house
 */
public record Account(
    long id,
    Optional<UUID> owner,
    String currency,
    AccountType type,
    int subAccounts,
    boolean allowNegative) {}
