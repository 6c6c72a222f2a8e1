package dev.croupier.admin.web;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every refusal, in the shape the caller reads: an error page (or, for htmx, a message swapped into
 * the page's flash area) for browsers, RFC 9457 problem details with the error {@code code} for
 * everything that asks for JSON. The status follows the code's kind, as everywhere on the platform.
 */
@ControllerAdvice
public final class ErrorPages {

  @ExceptionHandler(CroupierException.class)
  Object refused(CroupierException e, HttpServletRequest request, HttpServletResponse response) {
    if (e.code() == ErrorCode.INVALID_TOKEN && !wantsJson(request) && !htmx(request)) {
      return new ModelAndView("redirect:/sign-in");
    }
    return answer(status(e.code()), e.code(), e.getMessage(), request, response);
  }

  @ExceptionHandler({
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class
  })
  Object malformed(Exception e, HttpServletRequest request, HttpServletResponse response) {
    String detail =
        e instanceof MethodArgumentTypeMismatchException m
            ? m.getName() + " is not valid"
            : ((MissingServletRequestParameterException) e).getParameterName() + " is missing";
    return answer(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, detail, request, response);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  Object unknownPath(HttpServletRequest request, HttpServletResponse response) {
    return answer(
        HttpStatus.NOT_FOUND,
        ErrorCode.UNKNOWN_PATH,
        "There is nothing at " + request.getRequestURI(),
        request,
        response);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  Object wrongMethod(HttpServletRequest request, HttpServletResponse response) {
    return answer(
        HttpStatus.METHOD_NOT_ALLOWED,
        ErrorCode.UNKNOWN_PATH,
        request.getMethod() + " is not served at " + request.getRequestURI(),
        request,
        response);
  }

  /** The answer to a refusal, as a page, an htmx fragment or problem details. */
  static Object answer(
      HttpStatus status,
      ErrorCode code,
      String detail,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (wantsJson(request)) {
      return ResponseEntity.status(status)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem(status, code, detail));
    }
    response.setStatus(status.value());
    Map<String, Object> model =
        Map.of("status", status.value(), "code", code.name(), "detail", detail);
    if (htmx(request)) {
      // htmx swaps the message into the page's flash area instead of the request's target.
      response.setHeader("HX-Retarget", "#flash");
      response.setHeader("HX-Reswap", "innerHTML");
      return new ModelAndView("fragments/flash :: error", model);
    }
    return new ModelAndView("error", model);
  }

  /** RFC 9457 problem details carrying the platform's error code. */
  public static ProblemDetail problem(HttpStatus status, ErrorCode code, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(
        URI.create("https://croupier.dev/problems/" + code.name().toLowerCase().replace('_', '-')));
    p.setTitle(code.description());
    p.setProperty("code", code.name());
    return p;
  }

  /** The HTTP status of a code, from its kind. */
  public static HttpStatus status(ErrorCode code) {
    return switch (code.kind()) {
      case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case CONFLICT, FAILED_PRECONDITION -> HttpStatus.CONFLICT;
      case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
      case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
      case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
      case INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
    };
  }

  static boolean wantsJson(HttpServletRequest request) {
    String accept = request.getHeader("Accept");
    return request.getRequestURI().startsWith("/api/")
        || (accept != null
            && (accept.contains("application/json") || accept.contains("application/problem+json"))
            && !accept.contains("text/html"));
  }

  static boolean htmx(HttpServletRequest request) {
    return "true".equals(request.getHeader("HX-Request"));
  }
}
