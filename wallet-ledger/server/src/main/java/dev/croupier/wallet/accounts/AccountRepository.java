package dev.croupier.wallet.accounts;

import static dev.croupier.db.jooq.wallet.Tables.ACCOUNT;
import static dev.croupier.db.jooq.wallet.Tables.BALANCE;
import static dev.croupier.db.jooq.wallet.Tables.CURRENCY;

import dev.croupier.db.jooq.wallet.tables.records.AccountRecord;
import dev.croupier.wallet.ledger.AccountType;
import dev.croupier.wallet.ledger.Currency;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record5;
import org.jooq.impl.DSL;

/** SQL for accounts, balances and currencies. */
final class AccountRepository {

  List<Currency> currencies(DSLContext ctx) {
    return ctx.selectFrom(CURRENCY)
        .fetch(
            r ->
                new Currency(
                    r.getCode(), Currency.Kind.valueOf(r.getKind()), r.getScale(), r.getEnabled()));
  }

  List<Account> find(DSLContext ctx, Collection<Long> ids) {
    return ctx.selectFrom(ACCOUNT).where(ACCOUNT.ID.in(ids)).fetch(AccountRepository::toAccount);
  }

  Optional<Account> findByOwner(DSLContext ctx, UUID owner, String currency, AccountType type) {
    return ctx.selectFrom(ACCOUNT)
        .where(
            owner == null ? ACCOUNT.OWNER_ID.isNull() : ACCOUNT.OWNER_ID.eq(owner),
            ACCOUNT.CURRENCY.eq(currency),
            ACCOUNT.TYPE.eq(type.name()))
        .fetchOptional(AccountRepository::toAccount);
  }

  /** The ids of every account of {@code owner}, in id order. */
  List<Long> idsOfOwner(DSLContext ctx, UUID owner) {
    return ctx.select(ACCOUNT.ID)
        .from(ACCOUNT)
        .where(ACCOUNT.OWNER_ID.eq(owner))
        .orderBy(ACCOUNT.ID)
        .fetch(ACCOUNT.ID);
  }

  /** Inserts the account and its sub-accounts, or nothing when it exists already. */
  Optional<Account> insertIfAbsent(
      DSLContext ctx, UUID owner, String currency, AccountType type, AccountPolicy policy) {
    Optional<Account> created =
        ctx.insertInto(ACCOUNT)
            .set(ACCOUNT.OWNER_ID, owner)
            .set(ACCOUNT.CURRENCY, currency)
            .set(ACCOUNT.TYPE, type.name())
            .set(ACCOUNT.SUB_ACCOUNTS, (short) policy.subAccounts())
            .set(ACCOUNT.ALLOW_NEGATIVE, policy.allowNegative())
            .onConflict(ACCOUNT.OWNER_ID, ACCOUNT.CURRENCY, ACCOUNT.TYPE)
            .doNothing()
            .returning()
            .fetchOptional()
            .map(AccountRepository::toAccount);
    created.ifPresent(
        a ->
            ctx.insertInto(
                    BALANCE,
                    BALANCE.ACCOUNT_ID,
                    BALANCE.SHARD,
                    BALANCE.CURRENCY,
                    BALANCE.ALLOW_NEGATIVE)
                .select(
                    DSL.select(
                            DSL.val(a.id()),
                            DSL.field("s", Short.class),
                            DSL.val(a.currency()),
                            DSL.val(a.allowNegative()))
                        .from(DSL.table("generate_series(0, {0}) as g(s)", a.subAccounts() - 1)))
                .execute());
    return created;
  }

  /** Balances summed over sub-accounts, in the order of {@code ids}; missing ids are left out. */
  List<AccountBalance> balances(DSLContext ctx, List<Long> ids) {
    var sum = DSL.sum(BALANCE.BALANCE_).cast(Long.class);
    List<Record5<Long, String, String, Long, UUID>> rows =
        ctx.select(ACCOUNT.ID, ACCOUNT.CURRENCY, ACCOUNT.TYPE, sum, ACCOUNT.OWNER_ID)
            .from(ACCOUNT)
            .join(BALANCE)
            .on(BALANCE.ACCOUNT_ID.eq(ACCOUNT.ID))
            .where(ACCOUNT.ID.in(ids))
            .groupBy(ACCOUNT.ID)
            .fetch();
    List<AccountBalance> out = new ArrayList<>();
    for (Long id : ids) {
      for (var r : rows) {
        if (r.value1().equals(id)) {
          out.add(
              new AccountBalance(
                  r.value1(),
                  r.value2(),
                  r.value4(),
                  AccountType.valueOf(r.value3()),
                  Optional.ofNullable(r.value5())));
          break;
        }
      }
    }
    return out;
  }

  private static Account toAccount(AccountRecord r) {
    return new Account(
        r.getId(),
        Optional.ofNullable(r.getOwnerId()),
        r.getCurrency(),
        AccountType.valueOf(r.getType()),
        r.getSubAccounts(),
        r.getAllowNegative());
  }
}
