package dev.croupier.wallet.posting;

/**
 * Tuning of the group-commit engine.
 *
 * @param committers committer threads, each with its own queue and database connection; the house
 *     has 16 sub-accounts, so a divisor of 16 gives each committer its own house rows
 * @param maxBatch most posts in one database transaction
 * @param queueCapacity pending posts per committer before new ones are refused as UNAVAILABLE
 * @param maxLegs most legs per post (TOO_MANY_LEGS beyond)
 */
public record PostingSettings(int committers, int maxBatch, int queueCapacity, int maxLegs) {
  public static final PostingSettings DEFAULTS = new PostingSettings(4, 128, 4096, 32);

  public PostingSettings {
    if (committers < 1 || maxBatch < 1 || queueCapacity < 1 || maxLegs < 2) {
      throw new IllegalArgumentException("bad posting settings");
    }
  }
}
