package dev.croupier.gateway.history;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.identity.AuthenticatedPlayer;
import dev.croupier.gateway.identity.PlayerLedger;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The player's own history (PROTOCOL.md, "HTTP"): currencies with their scales, the transactions of
 * the player's account, newest first and paged by a cursor, and the recall of one of their rounds,
 * with what the browser needs to verify it. Every path needs an access token, and every answer is
 * about the token's player only: no parameter names an account or a player.
 */
@RestController
class HistoryController {
  private static final Logger log = LoggerFactory.getLogger(HistoryController.class);
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3,8}");
  static final int DEFAULT_PAGE = 20;

  private final PlayerLedger ledger;
  private final WorkersRecall recall;

  HistoryController(PlayerLedger ledger, WorkersRecall recall) {
    this.ledger = ledger;
    this.recall = recall;
  }

  /** {@code {currencies: [{code, kind, scale, usable}]}}: how to show amounts of each currency. */
  @GetMapping("/api/currencies")
  Map<String, Object> currencies() {
    return Map.of("currencies", ledger.currencies());
  }

  /**
   * {@code {currency, scale, entries: [...], nextCursor}}: a page of the player's entries in {@code
   * currency}, newest first; {@code nextCursor} is null on the last page.
   */
  @GetMapping("/api/me/transactions")
  Map<String, Object> transactions(
      @AuthenticationPrincipal Jwt jwt,
      @RequestParam(defaultValue = "COIN") String currency,
      @RequestParam(defaultValue = "" + DEFAULT_PAGE) int limit,
      @RequestParam(required = false) String cursor) {
    if (!CURRENCY.matcher(currency).matches()) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "Unknown currency.");
    }
    PlayerLedger.Currency known =
        ledger.currencies().stream()
            .filter(c -> c.code().equals(currency))
            .findFirst()
            .orElseThrow(
                () -> new CroupierException(ErrorCode.VALIDATION_FAILED, "Unknown currency."));
    UUID user = AuthenticatedPlayer.from(jwt).userId();
    PlayerLedger.EntryPage page =
        ledger.entries(
            user, currency, Optional.ofNullable(cursor).filter(c -> !c.isEmpty()), limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("currency", currency);
    body.put("scale", known.scale());
    body.put("entries", page.entries().stream().map(HistoryController::entry).toList());
    body.put("nextCursor", page.next().orElse(null));
    return body;
  }

  /**
   * The player's round as game recall rebuilds it: inputs, RNG proof (commitment, client seed,
   * nonce, and the server seed once the session is closed), the game's outcome, the ledger
   * transaction and each cross-check's verdict.
   */
  @GetMapping(
      value = "/api/me/rounds/{sessionId}/{round}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  JsonNode round(
      @AuthenticationPrincipal Jwt jwt, @PathVariable UUID sessionId, @PathVariable long round) {
    if (round < 1) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "Rounds count from 1.");
    }
    return recall.round(
        AuthenticatedPlayer.from(jwt).userId(), jwt.getTokenValue(), sessionId, round);
  }

  private static Map<String, Object> entry(PlayerLedger.Entry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entryId", e.entryId());
    m.put("transactionId", e.transactionId());
    m.put("kind", e.kind());
    m.put("amount", e.amount());
    m.put("balanceAfter", e.balanceAfter());
    m.put("currency", e.currency());
    m.put("at", e.createdAt().toString());
    e.sessionId().ifPresent(s -> m.put("sessionId", s));
    if (e.round() > 0) {
      m.put("round", e.round());
    }
    e.tableId().ifPresent(t -> m.put("tableId", t));
    return m;
  }

  @ExceptionHandler(CroupierException.class)
  ResponseEntity<ProblemDetail> refused(
      CroupierException e, HttpServletRequest request, @AuthenticationPrincipal Jwt jwt) {
    HttpStatus status =
        switch (e.code().kind()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
          case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
          case FAILED_PRECONDITION, CONFLICT -> HttpStatus.CONFLICT;
          case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
          case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
          case UNAVAILABLE, INTERNAL -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    if (status == HttpStatus.FORBIDDEN) {
      log.warn(
          "refused {} to user {}: {}",
          request.getRequestURI(),
          jwt == null ? "-" : jwt.getSubject(),
          e.getMessage());
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            status, status.is5xxServerError() ? e.code().description() : e.getMessage());
    problem.setType(
        URI.create(
            "https://croupier.dev/problems/" + e.code().name().toLowerCase().replace('_', '-')));
    problem.setInstance(URI.create(request.getRequestURI()));
    problem.setProperty("code", e.code().name());
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
