package dev.croupier.wallet.jackpot;

import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.accounts.Account;
import dev.croupier.wallet.accounts.AccountService;
import dev.croupier.wallet.ledger.AccountType;
import dev.croupier.wallet.ledger.LedgerException;
import dev.croupier.wallet.ledger.Reference;
import dev.croupier.wallet.ledger.TransactionKind;
import dev.croupier.wallet.posting.Leg;
import dev.croupier.wallet.posting.PostRequest;
import dev.croupier.wallet.posting.PostResult;
import dev.croupier.wallet.posting.PostedBalance;
import dev.croupier.wallet.posting.Sweep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the post that pays a currency's progressive jackpot: a {@link Sweep} of the whole
 * JACKPOT_POOL account to the winner, read under the pool's row lock when the post is applied, and
 * the legs {@code house -reseed, pool +reseed}. Posted through the posting engine like any other
 * post, it is atomic and exactly once per idempotency key, and two payouts racing each other are
 * serialised on the pool's lock: the second one finds the reseeded pool.
 */
public final class JackpotPayouts {
  private final AccountService accounts;

  public JackpotPayouts(AccountService accounts) {
    this.accounts = accounts;
  }

  /** What a payout request names. */
  public record Payout(
      String idempotencyKey,
      String currency,
      long winnerAccountId,
      long reseedAmount,
      Reference reference,
      Map<String, String> metadata) {}

  /** A payout's outcome; a replay carries the original values. */
  public record Paid(
      long transactionId,
      long amountWon,
      long winnerBalance,
      long poolBalance,
      long poolAccountId,
      boolean replayed,
      Instant createdAt) {}

  /**
   * The post that pays {@code payout}; its kind is JACKPOT_WIN.
   *
   * @throws LedgerException UNKNOWN_ACCOUNT for a missing winner, VALIDATION_FAILED when the winner
   *     is not a PLAYER account or the reseed is negative, CURRENCY_MISMATCH when the winner holds
   *     another currency, CURRENCY_DISABLED
   */
  public PostRequest request(Payout payout) {
    if (payout.reseedAmount() < 0) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, "the reseed amount is negative");
    }
    if (payout.currency() == null || payout.currency().isEmpty()) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, "no currency");
    }
    Account winner = accounts.account(payout.winnerAccountId());
    if (winner.type() != AccountType.PLAYER) {
      throw new LedgerException(ErrorCode.VALIDATION_FAILED, "the winner is not a PLAYER account");
    }
    if (!winner.currency().equals(payout.currency())) {
      throw new LedgerException(
          ErrorCode.CURRENCY_MISMATCH,
          "account %d holds %s, not %s"
              .formatted(winner.id(), winner.currency(), payout.currency()));
    }
    long pool = pool(payout.currency());
    long house = accounts.systemAccount(payout.currency(), AccountType.HOUSE).id();
    List<Leg> legs = new ArrayList<>(2);
    if (payout.reseedAmount() > 0) {
      legs.add(new Leg(house, payout.currency(), -payout.reseedAmount()));
      legs.add(new Leg(pool, payout.currency(), payout.reseedAmount()));
    }
    return new PostRequest(
        payout.idempotencyKey(),
        TransactionKind.JACKPOT_WIN,
        legs,
        payout.reference(),
        payout.metadata(),
        0,
        new Sweep(pool, winner.id(), payout.currency()));
  }

  /** The JACKPOT_POOL account of {@code currency}. */
  public long pool(String currency) {
    return accounts.systemAccount(currency, AccountType.JACKPOT_POOL).id();
  }

  /** Reads the payout's outcome out of the engine's result. */
  public Paid paid(Payout payout, PostResult result) {
    long pool = pool(payout.currency());
    return new Paid(
        result.transactionId(),
        result.swept(),
        balanceOf(result, payout.winnerAccountId()),
        balanceOf(result, pool),
        pool,
        result.replayed(),
        result.createdAt());
  }

  private static long balanceOf(PostResult result, long accountId) {
    long balance = 0;
    for (PostedBalance b : result.balances()) {
      if (b.accountId() == accountId) {
        balance = b.balance();
      }
    }
    return balance;
  }
}
