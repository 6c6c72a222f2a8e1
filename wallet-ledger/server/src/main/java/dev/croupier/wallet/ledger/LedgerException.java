package dev.croupier.wallet.ledger;

import dev.croupier.errors.ErrorCode;

/**
 * A business failure of a ledger operation, carrying its code from the platform catalogue. When one
 * is thrown, nothing has been written.
 */
public final class LedgerException extends RuntimeException {
  private final ErrorCode code;

  public LedgerException(ErrorCode code, String message) {
    // No stack trace: these are expected outcomes, some of them on the hot path.
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  @Override
  public String toString() {
    return code + ": " + getMessage();
  }
}
