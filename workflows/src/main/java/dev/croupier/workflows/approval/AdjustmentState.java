package dev.croupier.workflows.approval;

/** Where an adjustment is. */
public enum AdjustmentState {
  /** Waiting for a second ADMIN. */
  PENDING_APPROVAL,
  /** Being posted to the wallet (retried under its key until the wallet answers). */
  POSTING,
  /** Posted. */
  POSTED,
  /** A second ADMIN said no: nothing posted. */
  REJECTED,
  /** Nobody decided in time: nothing posted. */
  EXPIRED,
  /** The wallet refused it (for example insufficient funds): nothing posted. */
  FAILED;

  public boolean isFinal() {
    return this != PENDING_APPROVAL && this != POSTING;
  }
}
