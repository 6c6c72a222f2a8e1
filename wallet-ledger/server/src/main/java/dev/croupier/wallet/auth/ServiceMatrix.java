package dev.croupier.wallet.auth;

import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.api.ServiceNames;
import dev.croupier.wallet.ledger.AccountType;
import dev.croupier.wallet.ledger.LedgerException;
import dev.croupier.wallet.ledger.TransactionKind;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wallet's authorization matrix, caller x method x transaction kind x account, as written in
 * wallet-ledger/README.md:
 *
 * <ul>
 *   <li>{@code api-gateway} opens PLAYER accounts (with the wallet's own welcome grant) and reads
 *       PLAYER balances and entries; it posts nothing.
 *   <li>Each of the three reads the list of currencies.
 *   <li>{@code workers} post the round, jackpot and table kinds under {@code session-} and {@code
 *       table-} keys on player, house, pool and escrow accounts, pay jackpots under session keys,
 *       reverse their own table and session posts, open those accounts and read everything.
 *   <li>{@code admin} posts GRANT and ADJUSTMENT, reverses any transaction, opens any account and
 *       reads everything.
 *   <li>Anyone else, the wallet's own identity included, may do nothing.
 * </ul>
 */
public final class ServiceMatrix implements WalletAuthorization {
  private static final Logger log = LoggerFactory.getLogger(ServiceMatrix.class);

  static final Set<TransactionKind> WORKER_KINDS =
      EnumSet.of(
          TransactionKind.BET,
          TransactionKind.WIN,
          TransactionKind.BET_AND_WIN,
          TransactionKind.REFUND,
          TransactionKind.JACKPOT_CONTRIBUTION,
          TransactionKind.BUY_IN,
          TransactionKind.CASH_OUT,
          TransactionKind.RAKE);
  static final Set<TransactionKind> ADMIN_KINDS =
      EnumSet.of(TransactionKind.GRANT, TransactionKind.ADJUSTMENT);
  static final Set<AccountType> WORKER_ACCOUNTS =
      EnumSet.of(
          AccountType.PLAYER,
          AccountType.HOUSE,
          AccountType.JACKPOT_POOL,
          AccountType.TABLE_ESCROW);

  private final Function<Collection<Long>, Map<Long, AccountType>> accountTypes;

  /**
   * @param accountTypes the type of each known account among the ids given (unknown ones are left
   *     out, and the call then fails with UNKNOWN_ACCOUNT as usual)
   */
  public ServiceMatrix(Function<Collection<Long>, Map<Long, AccountType>> accountTypes) {
    this.accountTypes = accountTypes;
  }

  @Override
  public void check(String caller, WalletCall call) {
    String refusal =
        switch (caller) {
          case ServiceNames.GATEWAY -> gateway(call);
          case ServiceNames.WORKERS -> workers(call);
          case ServiceNames.ADMIN -> admin(call);
          default -> "unknown caller";
        };
    if (refusal != null) {
      log.warn("Refused {} to caller {}: {}", call.method(), caller, refusal);
      throw new LedgerException(
          ErrorCode.CALLER_NOT_AUTHORIZED, caller + " may not " + call.method() + ": " + refusal);
    }
  }

  private String gateway(WalletCall call) {
    return switch (call) {
      case WalletCall.Open o -> o.type() == AccountType.PLAYER ? null : "only PLAYER accounts";
      case WalletCall.Read r ->
          r.accounts().isEmpty() ? "entries of every account" : onlyTypes(r.accounts(), PLAYER);
      case WalletCall.ReadCurrencies c -> null;
      default -> "the gateway posts nothing and reads only players' balances and entries";
    };
  }

  private String workers(WalletCall call) {
    return switch (call) {
      case WalletCall.Post p -> {
        if (!WORKER_KINDS.contains(p.kind())) {
          yield "kind " + p.kind();
        }
        if (!gameKey(p.idempotencyKey())) {
          yield "key outside session- and table-";
        }
        yield onlyTypes(p.accounts(), WORKER_ACCOUNTS);
      }
      case WalletCall.Reverse r -> {
        if (!gameKey(r.idempotencyKey())) {
          yield "reversal key outside session- and table-";
        }
        if (r.reversed().isEmpty()) {
          yield null;
        }
        WalletCall.Reversed t = r.reversed().get();
        if (!gameKey(t.idempotencyKey())) {
          yield "reversal of a transaction outside session- and table- keys";
        }
        yield WORKER_KINDS.contains(t.kind()) ? null : "reversal of " + t.kind();
      }
      case WalletCall.PayJackpot j ->
          j.idempotencyKey().startsWith("session-") ? null : "jackpot outside session- keys";
      case WalletCall.Open o -> {
        if (o.welcomeGrant()) {
          yield "welcome grants";
        }
        yield WORKER_ACCOUNTS.contains(o.type()) ? null : "account type " + o.type();
      }
      case WalletCall.Read r -> null;
      case WalletCall.ReadTransaction t -> null;
      case WalletCall.ReadCurrencies c -> null;
    };
  }

  private static String admin(WalletCall call) {
    return switch (call) {
      case WalletCall.Post p -> ADMIN_KINDS.contains(p.kind()) ? null : "kind " + p.kind();
      case WalletCall.Reverse r -> null;
      case WalletCall.PayJackpot j -> "jackpots";
      case WalletCall.Open o -> o.welcomeGrant() ? "welcome grants" : null;
      case WalletCall.Read r -> null;
      case WalletCall.ReadTransaction t -> null;
      case WalletCall.ReadCurrencies c -> null;
    };
  }

  private static final Set<AccountType> PLAYER = EnumSet.of(AccountType.PLAYER);

  private String onlyTypes(List<Long> accounts, Set<AccountType> allowed) {
    for (Map.Entry<Long, AccountType> e : accountTypes.apply(accounts).entrySet()) {
      if (!allowed.contains(e.getValue())) {
        return "account " + e.getKey() + " is " + e.getValue();
      }
    }
    return null;
  }

  private static boolean gameKey(String key) {
    return key.startsWith("session-") || key.startsWith("table-");
  }
}
