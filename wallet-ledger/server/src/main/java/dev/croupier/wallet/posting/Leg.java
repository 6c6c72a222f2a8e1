package dev.croupier.wallet.posting;

/**
 * One signed movement of a post: positive credits the account, negative debits it.
 *
 * @param subAccount the sub-account to move, or {@link #ANY_SUB_ACCOUNT} to let the ledger pick one
 *     (callers always do; reversals name the original's)
 */
public record Leg(long accountId, String currency, long amount, int subAccount) {
  public static final int ANY_SUB_ACCOUNT = -1;

  public Leg(long accountId, String currency, long amount) {
    this(accountId, currency, amount, ANY_SUB_ACCOUNT);
  }
}
