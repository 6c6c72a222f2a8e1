package dev.croupier.workers.recall;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every 4xx of the workers' HTTP port is an RFC 9457 problem with a code from the catalogue: a
 * malformed id is 400 VALIDATION_FAILED, an unknown path 404 UNKNOWN_PATH, a refused player 403,
 * never Spring's default body or a 500.
 */
@RestControllerAdvice
class RecallProblems extends ResponseEntityExceptionHandler {

  @ExceptionHandler(CroupierException.class)
  ResponseEntity<Object> failed(CroupierException e, HttpServletRequest request) {
    HttpStatus status =
        switch (e.code().kind()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
          case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
          case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
          case CONFLICT -> HttpStatus.CONFLICT;
          case FAILED_PRECONDITION -> HttpStatus.UNPROCESSABLE_CONTENT;
          case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
          case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
          case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    return problem(status, e.code(), e.getMessage(), request.getRequestURI());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Object> malformed(
      MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return problem(
        HttpStatus.BAD_REQUEST,
        ErrorCode.VALIDATION_FAILED,
        "'" + e.getName() + "' is malformed.",
        request.getRequestURI());
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleExceptionInternal(
      Exception e,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ErrorCode code;
    if (status.value() == 404 || status.value() == 405) {
      code = ErrorCode.UNKNOWN_PATH;
    } else {
      code = status.is4xxClientError() ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL;
    }
    String path = request instanceof ServletWebRequest s ? s.getRequest().getRequestURI() : "";
    return problem(HttpStatus.valueOf(status.value()), code, code.description(), path);
  }

  private static ResponseEntity<Object> problem(
      HttpStatus status, ErrorCode code, String detail, String instance) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "type", "https://croupier.dev/problems/" + code.name().toLowerCase().replace('_', '-'));
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", instance);
    body.put("code", code.name());
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }
}
