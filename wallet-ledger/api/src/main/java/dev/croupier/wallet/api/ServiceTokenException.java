package dev.croupier.wallet.api;

/** A service token that is missing, malformed, badly signed, expired or meant for someone else. */
public final class ServiceTokenException extends RuntimeException {
  public ServiceTokenException(String message) {
    super(message);
  }
}
