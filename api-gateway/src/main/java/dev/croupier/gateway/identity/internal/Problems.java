package dev.croupier.gateway.identity.internal;

import dev.croupier.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem bodies with the platform's error code: {@code type, title, status, detail,
 * instance, code} plus {@code errors} (field errors) and any extra members. Used by the MVC advice
 * and by the security filters, which answer before MVC runs, so both look the same.
 */
@Component
final class Problems implements dev.croupier.gateway.identity.ProblemWriter {
  static final String TYPE_PREFIX = "https://croupier.dev/problems/";

  private final JsonMapper json;

  Problems(JsonMapper json) {
    this.json = json;
  }

  static Map<String, Object> body(
      HttpStatusCode status,
      ErrorCode code,
      String detail,
      String instance,
      List<FieldError> errors,
      Map<String, Object> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", TYPE_PREFIX + code.name().toLowerCase().replace('_', '-'));
    HttpStatus known = HttpStatus.resolve(status.value());
    body.put("title", known != null ? known.getReasonPhrase() : "Error");
    body.put("status", status.value());
    body.put("detail", detail);
    body.put("instance", instance);
    body.put("code", code.name());
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    body.putAll(extra);
    return body;
  }

  static ResponseEntity<Object> entity(
      HttpStatusCode status, HttpHeaders headers, Map<String, Object> body) {
    return ResponseEntity.status(status)
        .headers(headers)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body);
  }

  static ResponseEntity<Object> entity(ApiException e, HttpServletRequest request) {
    return entity(
        e.status(),
        new HttpHeaders(),
        body(e.status(), e.code(), e.getMessage(), request.getRequestURI(), e.errors(), e.extra()));
  }

  @Override
  public void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      ErrorCode code,
      String detail)
      throws IOException {
    write(request, response, status, code, detail, List.of());
  }

  /** Writes a problem straight to the servlet response, for filters outside MVC. */
  void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      ErrorCode code,
      String detail,
      List<FieldError> errors)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(
        response.getOutputStream(),
        body(status, code, detail, request.getRequestURI(), errors, Map.of()));
  }
}
