package dev.croupier.wallet.accounts;

import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.ledger.AccountType;
import dev.croupier.wallet.ledger.LedgerException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;

/** Opens accounts and reads balances; each call is one database transaction. */
public final class AccountService {
  private static final int MAX_BALANCES = 1000;

  private final DSLContext dsl;
  private final AccountCatalog catalog;
  private final AccountRepository repository = new AccountRepository();
  // System accounts never change once opened: one lookup per currency and type per process.
  private final Map<String, Account> systemAccounts = new ConcurrentHashMap<>();

  public AccountService(DSLContext dsl, AccountCatalog catalog) {
    this.dsl = dsl;
    this.catalog = catalog;
  }

  /** Every currency of the ledger and whether posts in it are accepted now. */
  public java.util.List<AccountCatalog.UsableCurrency> currencies() {
    return catalog.currencies();
  }

  /**
   * Opens the account of {@code owner} in {@code currency} of {@code type}, or returns the one that
   * exists. Idempotent per (owner, currency, type), also under concurrent calls.
   *
   * @param owner the user (PLAYER) or table (TABLE_ESCROW); empty for system accounts
   * @throws LedgerException VALIDATION_FAILED for a missing owner on a PLAYER account, an owner on
   *     a house, promo or jackpot account, or an unknown currency; CURRENCY_DISABLED
   */
  public OpenedAccount open(Optional<UUID> owner, String currency, AccountType type) {
    if (type == AccountType.PLAYER && owner.isEmpty()) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, "a PLAYER account needs an owner");
    }
    if ((type == AccountType.HOUSE || type == AccountType.PROMO || type == AccountType.JACKPOT_POOL)
        && owner.isPresent()) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, type + " accounts have no owner");
    }
    catalog.usableCurrency(currency);
    UUID ownerId = owner.orElse(null);
    OpenedAccount opened =
        dsl.transactionResult(
            c -> {
              Optional<Account> created =
                  repository.insertIfAbsent(
                      c.dsl(), ownerId, currency, type, AccountPolicy.of(type));
              if (created.isPresent()) {
                return new OpenedAccount(created.get(), true);
              }
              Account existing =
                  repository
                      .findByOwner(c.dsl(), ownerId, currency, type)
                      .orElseThrow(() -> new IllegalStateException("account vanished"));
              return new OpenedAccount(existing, false);
            });
    catalog.remember(opened.account());
    return opened;
  }

  /**
   * The system account (house, promo or jackpot pool) of {@code currency}, opened if missing.
   *
   * @throws LedgerException VALIDATION_FAILED for a PLAYER or TABLE_ESCROW type or an unknown
   *     currency; CURRENCY_DISABLED
   */
  public Account systemAccount(String currency, AccountType type) {
    if (type == AccountType.PLAYER || type == AccountType.TABLE_ESCROW) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, type + " is not a system account");
    }
    Account cached = systemAccounts.get(currency + "/" + type);
    if (cached != null) {
      return cached;
    }
    Account a = open(Optional.empty(), currency, type).account();
    systemAccounts.put(currency + "/" + type, a);
    return a;
  }

  /**
   * One account's fixed facts (owner, currency, type), cached once read.
   *
   * @throws LedgerException UNKNOWN_ACCOUNT
   */
  public Account account(long accountId) {
    Account a = catalog.resolve(dsl, List.of(accountId)).get(accountId);
    if (a == null) {
      throw new LedgerException(ErrorCode.UNKNOWN_ACCOUNT, "no account " + accountId);
    }
    return a;
  }

  /**
   * Every account of {@code owner} with its committed balance, in account id order, from one
   * snapshot. Opens nothing.
   */
  public List<AccountBalance> ownerAccounts(UUID owner) {
    return dsl.transactionResult(
        c -> repository.balances(c.dsl(), repository.idsOfOwner(c.dsl(), owner)));
  }

  /**
   * The committed balance of one account (the sum of its sub-accounts).
   *
   * @throws LedgerException UNKNOWN_ACCOUNT
   */
  public AccountBalance balance(long accountId) {
    return balances(List.of(accountId)).get(0);
  }

  /**
   * Committed balances of several accounts from one snapshot, in the order asked.
   *
   * @throws LedgerException UNKNOWN_ACCOUNT when any is missing; VALIDATION_FAILED for more than
   *     1000 ids
   */
  public List<AccountBalance> balances(List<Long> accountIds) {
    if (accountIds.size() > MAX_BALANCES) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, "at most 1000 accounts per call");
    }
    List<Long> distinct = List.copyOf(new LinkedHashSet<>(accountIds));
    List<AccountBalance> found = dsl.transactionResult(c -> repository.balances(c.dsl(), distinct));
    if (found.size() != distinct.size()) {
      List<Long> known = found.stream().map(AccountBalance::accountId).toList();
      Long missing = distinct.stream().filter(id -> !known.contains(id)).findFirst().orElseThrow();
      throw new LedgerException(ErrorCode.UNKNOWN_ACCOUNT, "no account " + missing);
    }
    return accountIds.stream()
        .map(id -> found.stream().filter(b -> b.accountId() == id).findFirst().orElseThrow())
        .toList();
  }
}
