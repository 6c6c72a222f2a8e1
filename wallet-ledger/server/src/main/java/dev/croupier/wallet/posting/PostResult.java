package dev.croupier.wallet.posting;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of a post: the transaction, every touched sub-account's balance after it (in the
 * order of first appearance in the legs, a sweep's accounts first), and whether this is a replay of
 * an earlier post of the same key. A replay returns exactly the original values.
 *
 * @param swept what the request's {@link Sweep} moved; 0 without one, or when it found nothing
 */
public record PostResult(
    long transactionId,
    List<PostedBalance> balances,
    boolean replayed,
    Instant createdAt,
    long swept) {

  public PostResult {
    balances = List.copyOf(balances);
  }

  PostResult asReplay() {
    return new PostResult(transactionId, balances, true, createdAt, swept);
  }
}
