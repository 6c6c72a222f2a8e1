package dev.croupier.gateway.identity.internal;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.identity.RateLimitedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every failure to a problem body with an error code. Bad input never becomes a 500: Spring
 * MVC's own exceptions (unreadable JSON, wrong method or media type) become 4xx problems here.
 */
@RestControllerAdvice
final class ProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Object> api(ApiException e, HttpServletRequest request) {
    return Problems.entity(e, request);
  }

  @ExceptionHandler(RateLimitedException.class)
  ResponseEntity<Object> rateLimited(RateLimitedException e, HttpServletRequest request) {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
    return Problems.entity(
        HttpStatus.TOO_MANY_REQUESTS,
        headers,
        Problems.body(
            HttpStatus.TOO_MANY_REQUESTS,
            ErrorCode.RATE_LIMITED,
            "Too many requests; retry in " + e.retryAfterSeconds() + " s.",
            request.getRequestURI(),
            List.of(),
            Map.of("retryAfterSeconds", e.retryAfterSeconds())));
  }

  /** A refusal with a code from anywhere in the gateway: its status follows the code's kind. */
  @ExceptionHandler(CroupierException.class)
  ResponseEntity<Object> croupier(CroupierException e, HttpServletRequest request) {
    HttpStatus status =
        switch (e.code().kind()) {
          case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case CONFLICT -> HttpStatus.CONFLICT;
          case FAILED_PRECONDITION -> HttpStatus.UNPROCESSABLE_CONTENT;
          case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
          case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
          case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
          case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
          case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    return Problems.entity(
        status,
        new HttpHeaders(),
        Problems.body(
            status, e.code(), e.getMessage(), request.getRequestURI(), List.of(), Map.of()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
    log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
    return Problems.entity(
        HttpStatus.INTERNAL_SERVER_ERROR,
        new HttpHeaders(),
        Problems.body(
            HttpStatus.INTERNAL_SERVER_ERROR,
            ErrorCode.INTERNAL,
            ErrorCode.INTERNAL.description(),
            request.getRequestURI(),
            List.of(),
            Map.of()));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    if (BodySizeLimitFilter.isTooLarge(e)) {
      // A bad body is a 400 with a field error, whatever is wrong with it.
      return Problems.entity(
          HttpStatus.BAD_REQUEST,
          headers,
          Problems.body(
              HttpStatus.BAD_REQUEST,
              ErrorCode.PAYLOAD_TOO_LARGE,
              ErrorCode.PAYLOAD_TOO_LARGE.description(),
              path(request),
              List.of(BodySizeLimitFilter.FIELD_ERROR),
              Map.of()));
    }
    return Problems.entity(
        HttpStatus.BAD_REQUEST,
        headers,
        Problems.body(
            HttpStatus.BAD_REQUEST,
            ErrorCode.VALIDATION_FAILED,
            "The request body is not valid JSON of the expected shape.",
            path(request),
            List.of(
                new FieldError("body", ErrorCode.MALFORMED_MESSAGE.name(), "Send a JSON object.")),
            Map.of()));
  }

  /** Every other Spring MVC exception: keep its status, add our code and shape. */
  @Override
  protected @Nullable ResponseEntity<Object> handleExceptionInternal(
      Exception e,
      @Nullable Object body,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ErrorCode code;
    if (status.value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
      code = ErrorCode.PAYLOAD_TOO_LARGE;
    } else if (status.value() == HttpStatus.NOT_FOUND.value()
        || status.value() == HttpStatus.METHOD_NOT_ALLOWED.value()) {
      code = ErrorCode.UNKNOWN_PATH;
    } else {
      code = status.is4xxClientError() ? ErrorCode.VALIDATION_FAILED : ErrorCode.INTERNAL;
    }
    if (status.is5xxServerError()) {
      log.error("Request failed with {}", status, e);
    }
    // Spring's own messages may quote the request; the catalogue's words never do.
    String detail =
        code == ErrorCode.INTERNAL || code == ErrorCode.UNKNOWN_PATH
            ? code.description()
            : e.getMessage();
    return Problems.entity(
        status, headers, Problems.body(status, code, detail, path(request), List.of(), Map.of()));
  }

  private static String path(WebRequest request) {
    return request instanceof ServletWebRequest s ? s.getRequest().getRequestURI() : "";
  }
}
