package dev.croupier.admin.audit;

/** How an audited action ended. */
public enum Outcome {
  /** It happened. */
  OK,
  /** The staff member was not allowed, or the input was refused: nothing happened. */
  REFUSED,
  /** It was tried and failed: nothing happened, or what happened is in {@code after}. */
  FAILED,
  /**
   * It was started with an effect outside this database (the wallet, identity): the row that
   * follows under the same request id says how it ended.
   */
  ATTEMPTED
}
