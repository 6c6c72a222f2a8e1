package dev.croupier.wallet.accounts;

import dev.croupier.wallet.ledger.AccountType;

/**
 * Per-type rules fixed at opening: whether the account may go negative and how many sub-accounts it
 * gets. Players never go negative. The house and promo budgets may: they are where play money comes
 * from. The house is sharded (see the module README).
 */
public record AccountPolicy(boolean allowNegative, int subAccounts) {
  /** Sub-accounts of a house account; the migrations seed the houses with the same number. */
  public static final int HOUSE_SUB_ACCOUNTS = 16;

  public static AccountPolicy of(AccountType type) {
    return switch (type) {
      case PLAYER, JACKPOT_POOL, TABLE_ESCROW -> new AccountPolicy(false, 1);
      case PROMO -> new AccountPolicy(true, 1);
      case HOUSE -> new AccountPolicy(true, HOUSE_SUB_ACCOUNTS);
    };
  }
}
