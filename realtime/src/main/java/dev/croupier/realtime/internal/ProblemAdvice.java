package dev.croupier.realtime.internal;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every refusal of the realtime HTTP API as RFC 9457 problem details carrying the platform's error
 * code, the same shape the gateway answers with.
 */
@RestControllerAdvice
class ProblemAdvice {
  @ExceptionHandler(CroupierException.class)
  ResponseEntity<ProblemDetail> refused(CroupierException e) {
    HttpStatus status =
        switch (e.code().kind()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
          case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
          default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    return problem(status, e.code(), e.getMessage());
  }

  /** A path or query value of the wrong type, such as a user id that is no UUID. */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException e) {
    return problem(
        HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, e.getName() + " is not valid");
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, ErrorCode code, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(
        URI.create("https://croupier.dev/problems/" + code.name().toLowerCase().replace('_', '-')));
    p.setProperty("code", code.name());
    return ResponseEntity.status(status).body(p);
  }
}
