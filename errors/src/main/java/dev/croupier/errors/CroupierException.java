package dev.croupier.errors;

import java.util.Objects;

/**
 * A business failure that carries a code from the catalogue. Thrown inside a module and mapped to
 * the transport at its edge; never used for infrastructure failures, which should propagate and be
 * retried.
 */
public class CroupierException extends RuntimeException {
  private final ErrorCode code;

  public CroupierException(ErrorCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code);
  }

  public ErrorCode code() {
    return code;
  }
}
