package dev.croupier.admin.ledger;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.api.WalletEntryEvent;
import java.util.Locale;
import java.util.UUID;

/**
 * Which entries a viewer of the live ledger wants; every field empty means all.
 *
 * @param user the owner of the account (a player's user id)
 * @param account one account id
 * @param kind a transaction kind, e.g. {@code BET_AND_WIN}
 * @param currency a currency code
 */
public record LedgerFilter(UUID user, Long account, String kind, String currency) {
  public static final LedgerFilter ALL = new LedgerFilter(null, null, null, null);

  /**
   * Reads the page's query parameters.
   *
   * @throws CroupierException {@code VALIDATION_FAILED} for a malformed one
   */
  public static LedgerFilter of(String user, String account, String kind, String currency) {
    try {
      return new LedgerFilter(
          blank(user) ? null : UUID.fromString(user.strip()),
          blank(account) ? null : Long.valueOf(account.strip()),
          blank(kind) ? null : word(kind, "kind"),
          blank(currency) ? null : word(currency, "currency"));
    } catch (IllegalArgumentException e) {
      throw new CroupierException(
          ErrorCode.VALIDATION_FAILED, "filter: a user id, an account number, a kind, a currency");
    }
  }

  public boolean matches(WalletEntryEvent e) {
    return (user == null || user.toString().equals(e.ownerId()))
        && (account == null || account == e.accountId())
        && (kind == null || kind.equals(e.kind()))
        && (currency == null || currency.equals(e.currency()));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String word(String s, String what) {
    String w = s.strip().toUpperCase(Locale.ROOT);
    if (!w.matches("[A-Z_]{2,32}")) {
      throw new IllegalArgumentException(what);
    }
    return w;
  }
}
