package dev.croupier.wallet.api;

import dev.croupier.errors.ErrorCode;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * Maps the platform's {@link ErrorCode} to gRPC and back. The server sends the code's name in the
 * trailer {@value #TRAILER}; the gRPC status follows the code's {@link ErrorCode.Kind}.
 */
public final class WalletErrors {
  /** Trailer key name carrying {@link ErrorCode#name()}. */
  public static final String TRAILER = "croupier-error-code";

  public static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of(TRAILER, Metadata.ASCII_STRING_MARSHALLER);

  private WalletErrors() {}

  /**
   * The error code a failed call carried, if any. Works on {@link StatusRuntimeException} and
   * {@link StatusException}, also when wrapped as a cause.
   */
  public static Optional<ErrorCode> codeOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      Metadata trailers = Status.trailersFromThrowable(t);
      if (trailers != null && trailers.get(ERROR_CODE) != null) {
        try {
          return Optional.of(ErrorCode.valueOf(trailers.get(ERROR_CODE)));
        } catch (IllegalArgumentException unknown) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The gRPC status code for an error code. */
  public static Status.Code statusCode(ErrorCode code) {
    return switch (code.kind()) {
      case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.Code.NOT_FOUND;
      case CONFLICT -> Status.Code.ALREADY_EXISTS;
      case FAILED_PRECONDITION -> Status.Code.FAILED_PRECONDITION;
      case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
      case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
      case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
      case UNAVAILABLE -> Status.Code.UNAVAILABLE;
      case INTERNAL -> Status.Code.INTERNAL;
    };
  }

  /** The trailers that carry {@code code}. */
  public static Metadata trailers(ErrorCode code) {
    Metadata trailers = new Metadata();
    trailers.put(ERROR_CODE, code.name());
    return trailers;
  }

  /** A failure carrying {@code code}, as the server raises it. */
  public static StatusRuntimeException exception(ErrorCode code, String message) {
    return Status.fromCode(statusCode(code))
        .withDescription(code.name() + ": " + message)
        .asRuntimeException(trailers(code));
  }
}
