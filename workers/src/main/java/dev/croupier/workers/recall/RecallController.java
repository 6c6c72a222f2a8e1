package dev.croupier.workers.recall;

import dev.croupier.errors.CroupierException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Game recall over HTTP on the workers' loopback port: any round, or a player's last games (the
 * regulator's "last game plus the 9 before it" is {@code limit=10}).
 */
@RestController
class RecallController {
  private static final int MAX_LIMIT = 100;
  private final GameRecall recall;

  RecallController(GameRecall recall) {
    this.recall = recall;
  }

  @GetMapping("/recall/sessions/{sessionId}/rounds/{round}")
  RoundRecall round(@PathVariable UUID sessionId, @PathVariable long round) {
    return recall.round(sessionId, round);
  }

  @GetMapping("/recall/users/{userId}/last-games")
  List<RoundRecall> lastGames(
      @PathVariable UUID userId, @RequestParam(defaultValue = "10") int limit) {
    return recall.lastGames(userId, Math.max(1, Math.min(limit, MAX_LIMIT)));
  }

  @ExceptionHandler(CroupierException.class)
  ProblemDetail failed(CroupierException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            switch (e.code().kind()) {
              case NOT_FOUND -> HttpStatus.NOT_FOUND;
              case INVALID_ARGUMENT -> HttpStatus.BAD_REQUEST;
              default -> HttpStatus.INTERNAL_SERVER_ERROR;
            },
            e.getMessage());
    problem.setProperty("code", e.code().name());
    return problem;
  }
}
