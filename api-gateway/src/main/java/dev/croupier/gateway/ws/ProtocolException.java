package dev.croupier.gateway.ws;

import dev.croupier.errors.ErrorCode;
import org.jspecify.annotations.Nullable;

/** A message the gateway refuses with an error frame; the socket stays open. */
final class ProtocolException extends RuntimeException {
  private final @Nullable String re;
  private final ErrorCode code;

  ProtocolException(@Nullable String re, ErrorCode code, String message) {
    super(message, null, false, false);
    this.re = re;
    this.code = code;
  }

  @Nullable String re() {
    return re;
  }

  ErrorCode code() {
    return code;
  }
}
