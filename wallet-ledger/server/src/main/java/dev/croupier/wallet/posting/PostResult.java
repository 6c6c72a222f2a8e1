package dev.croupier.wallet.posting;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of a post: the transaction, every touched sub-account's balance after it (in the
 * order of first appearance in the legs), and whether this is a replay of an earlier post of the
 * same key. A replay returns exactly the original values.
 */
public record PostResult(
    long transactionId, List<PostedBalance> balances, boolean replayed, Instant createdAt) {

  public PostResult {
    balances = List.copyOf(balances);
  }

  PostResult asReplay() {
    return new PostResult(transactionId, balances, true, createdAt);
  }
}
