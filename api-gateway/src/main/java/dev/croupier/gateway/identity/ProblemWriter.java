package dev.croupier.gateway.identity;

import dev.croupier.errors.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/**
 * Writes an RFC 9457 problem with an error code straight to a servlet response, for filters that
 * answer before Spring MVC runs (the WebSocket handshake), so every refusal looks the same.
 */
public interface ProblemWriter {
  /** Writes the problem unless the response is already committed. */
  void write(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpStatus status,
      ErrorCode code,
      String detail)
      throws IOException;
}
