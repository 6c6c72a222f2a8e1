package dev.croupier.wallet.posting;

/**
 * Counters of the group-commit engine since start.
 *
 * @param batches database transactions committed (or attempted) with at least one post
 * @param posts posts that went through a batch, including replays and failures
 * @param maxBatch the largest batch so far
 */
public record PostingStats(long batches, long posts, long maxBatch) {
  public double averageBatch() {
    return batches == 0 ? 0 : (double) posts / batches;
  }
}
