package dev.croupier.devstack;

/**
 * A dev-stack problem the user can fix: the message is one line that says what is wrong and what to
 * do. The launcher prints it without a stack trace.
 */
public final class DevStackException extends RuntimeException {
  public DevStackException(String message) {
    super(message);
  }

  public DevStackException(String message, Throwable cause) {
    super(message, cause);
  }
}
