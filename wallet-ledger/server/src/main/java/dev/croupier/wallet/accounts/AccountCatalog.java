package dev.croupier.wallet.accounts;

import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.ledger.Currency;
import dev.croupier.wallet.ledger.LedgerException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/**
 * Facts about accounts and currencies that never change once written, cached so that a post does
 * not read them again. Currencies are read once at start; a currency switched in the database takes
 * effect at the next start. REAL currencies are usable only with the real-money switch on.
 */
public final class AccountCatalog {
  private final AccountRepository repository = new AccountRepository();
  private final Map<Long, Account> accounts = new ConcurrentHashMap<>();
  private final Map<String, Currency> currencies;
  private final boolean realMoneyEnabled;

  public AccountCatalog(DSLContext dsl, boolean realMoneyEnabled) {
    this.realMoneyEnabled = realMoneyEnabled;
    Map<String, Currency> byCode = new HashMap<>();
    for (Currency c : repository.currencies(dsl)) {
      byCode.put(c.code(), c);
    }
    this.currencies = Map.copyOf(byCode);
  }

  /**
   * Checks that {@code code} names a currency that may be used now.
   *
   * @throws LedgerException VALIDATION_FAILED for an unknown code, CURRENCY_DISABLED when off
   */
  public Currency usableCurrency(String code) {
    Currency c = currencies.get(code);
    if (c == null) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, "unknown currency " + code);
    }
    if (!c.enabled() || (c.kind() == Currency.Kind.REAL && !realMoneyEnabled)) {
      throw new LedgerException(ErrorCode.CURRENCY_DISABLED, "currency " + code + " is disabled");
    }
    return c;
  }

  /** Every currency of the ledger, by code, with whether posts in it are accepted now. */
  public List<UsableCurrency> currencies() {
    return currencies.values().stream()
        .sorted(java.util.Comparator.comparing(Currency::code))
        .map(
            c ->
                new UsableCurrency(
                    c, c.enabled() && (c.kind() != Currency.Kind.REAL || realMoneyEnabled)))
        .toList();
  }

  /** A currency and whether it may be used now. */
  public record UsableCurrency(Currency currency, boolean usable) {}

  /** The accounts among {@code ids} that exist, read through {@code ctx} when not cached. */
  public Map<Long, Account> resolve(DSLContext ctx, Collection<Long> ids) {
    Map<Long, Account> found = new HashMap<>();
    List<Long> missing = new ArrayList<>();
    for (Long id : ids) {
      Account a = accounts.get(id);
      if (a != null) {
        found.put(id, a);
      } else if (!found.containsKey(id)) {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      for (Account a : repository.find(ctx, missing)) {
        accounts.put(a.id(), a);
        found.put(a.id(), a);
      }
    }
    return found;
  }

  void remember(Account account) {
    accounts.put(account.id(), account);
  }
}
