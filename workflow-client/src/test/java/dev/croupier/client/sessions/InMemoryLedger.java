package dev.croupier.client.sessions;

import dev.croupier.errors.ErrorCode;
import dev.croupier.workflows.session.JackpotPaid;
import dev.croupier.workflows.session.JackpotPayout;
import dev.croupier.workflows.session.LedgerActivities;
import dev.croupier.workflows.session.PostedRound;
import dev.croupier.workflows.session.RoundPosting;
import dev.croupier.workflows.session.SessionAccounts;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands for the wallet in pure workflow unit tests only: idempotent by key, with the wallet's
 * replay, conflict and insufficient-funds answers. The exactly-once tests use the real wallet.
 */
final class InMemoryLedger implements LedgerActivities {
  static final long HOUSE = 1;
  static final long POOL = 2;
  static final long RESEED = 5_000;

  final Map<Long, Long> balances = new ConcurrentHashMap<>();
  final Map<String, RoundPosting> requests = new LinkedHashMap<>();
  final Map<String, PostedRound> results = new LinkedHashMap<>();
  final Map<String, JackpotPayout> payouts = new LinkedHashMap<>();
  final Map<String, JackpotPaid> paid = new LinkedHashMap<>();
  final AtomicLong calls = new AtomicLong();
  private final Map<UUID, Long> players = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(100);

  /** Gives a player an account holding {@code amount}. */
  long fund(UUID userId, long amount) {
    long account = players.computeIfAbsent(userId, u -> ids.incrementAndGet());
    balances.merge(account, amount, Long::sum);
    return account;
  }

  long balanceOf(UUID userId) {
    return balances.getOrDefault(players.get(userId), 0L);
  }

  @Override
  public synchronized SessionAccounts openAccounts(UUID userId, String currency) {
    long account = fund(userId, 0);
    return new SessionAccounts(account, HOUSE, POOL, currency, balances.get(account));
  }

  /** How the stand-in wallet fails, to make a post's outcome unknown to the session. */
  enum Outage {
    /** Answers. */
    NONE,
    /** Does not answer, and posts nothing: the outcome is unknown, and nothing happened. */
    DOWN,
    /** Posts, then the answer is lost every time: the outcome is unknown, and it was posted. */
    ANSWERS_LOST
  }

  volatile Outage outage = Outage.NONE;

  @Override
  public synchronized PostedRound postRound(RoundPosting p) {
    calls.incrementAndGet();
    if (outage == Outage.DOWN) {
      throw new IllegalStateException("the wallet is unreachable");
    }
    if (outage == Outage.ANSWERS_LOST) {
      post(p);
      throw new IllegalStateException("deadline exceeded after the post");
    }
    return post(p);
  }

  private PostedRound post(RoundPosting p) {
    RoundPosting earlier = requests.get(p.idempotencyKey());
    if (earlier != null) {
      if (!earlier.equals(p)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "key used with another request", ErrorCode.IDEMPOTENCY_CONFLICT.name());
      }
      PostedRound r = results.get(p.idempotencyKey());
      return new PostedRound(
          r.transactionId(),
          r.playerBalance(),
          true,
          r.requestId(),
          r.spins(),
          r.clientSeed(),
          r.stake(),
          r.currency(),
          r.win());
    }
    long player = p.accounts().player();
    long before = balances.getOrDefault(player, 0L);
    if (before < p.stake()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "balance " + before + " < " + p.stake(), ErrorCode.INSUFFICIENT_FUNDS.name());
    }
    long after = before - p.stake() + p.win();
    balances.put(player, after);
    balances.merge(HOUSE, p.stake() - p.win() - p.jackpotContribution(), Long::sum);
    balances.merge(POOL, p.jackpotContribution(), Long::sum);
    PostedRound r =
        new PostedRound(
            ids.incrementAndGet(),
            after,
            false,
            p.requestId(),
            p.spins(),
            p.clientSeed(),
            p.stake(),
            p.accounts().currency(),
            p.win());
    requests.put(p.idempotencyKey(), p);
    results.put(p.idempotencyKey(), r);
    return r;
  }

  @Override
  public synchronized PostedRound findRound(String idempotencyKey) {
    if (outage != Outage.NONE) {
      throw new IllegalStateException("the wallet is unreachable");
    }
    return results.get(idempotencyKey);
  }

  /** As the wallet's PayJackpot: the whole pool to the player, {@link #RESEED} from the house. */
  @Override
  public synchronized JackpotPaid payJackpot(JackpotPayout payout) {
    calls.incrementAndGet();
    JackpotPayout earlier = payouts.get(payout.idempotencyKey());
    if (earlier != null) {
      if (!earlier.equals(payout)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "key used with another request", ErrorCode.IDEMPOTENCY_CONFLICT.name());
      }
      JackpotPaid r = paid.get(payout.idempotencyKey());
      return new JackpotPaid(
          r.transactionId(), r.amountWon(), r.winnerBalance(), r.poolBalance(), true);
    }
    long player = payout.accounts().player();
    long pool = balances.getOrDefault(POOL, 0L);
    long after = balances.getOrDefault(player, 0L) + pool;
    balances.put(player, after);
    balances.merge(HOUSE, -RESEED, Long::sum);
    balances.put(POOL, RESEED);
    JackpotPaid r =
        new JackpotPaid(ids.incrementAndGet(), pool, pool > 0 ? after : 0, RESEED, false);
    payouts.put(payout.idempotencyKey(), payout);
    paid.put(payout.idempotencyKey(), r);
    return r;
  }
}
