package dev.croupier.gateway.identity.internal;

import dev.croupier.errors.ErrorCode;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A refusal that the edge turns into an RFC 9457 problem with a catalogue {@link ErrorCode}. */
final class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final ErrorCode code;
  private final List<FieldError> errors;
  private final Map<String, Object> extra;

  ApiException(
      HttpStatus status,
      ErrorCode code,
      String detail,
      List<FieldError> errors,
      Map<String, Object> extra) {
    super(detail, null, false, false);
    this.status = status;
    this.code = code;
    this.errors = List.copyOf(errors);
    this.extra = Map.copyOf(extra);
  }

  static ApiException of(HttpStatus status, ErrorCode code, String detail) {
    return new ApiException(status, code, detail, List.of(), Map.of());
  }

  static ApiException invalid(List<FieldError> errors) {
    return new ApiException(
        HttpStatus.BAD_REQUEST,
        ErrorCode.VALIDATION_FAILED,
        ErrorCode.VALIDATION_FAILED.description(),
        errors,
        Map.of());
  }

  static ApiException invalidToken(String detail) {
    return of(HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_TOKEN, detail);
  }

  HttpStatus status() {
    return status;
  }

  ErrorCode code() {
    return code;
  }

  List<FieldError> errors() {
    return errors;
  }

  Map<String, Object> extra() {
    return extra;
  }
}
