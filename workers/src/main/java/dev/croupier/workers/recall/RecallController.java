package dev.croupier.workers.recall;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Game recall over HTTP on the workers' port: any round, or a player's last games (the regulator's
 * "last game plus the 9 before it" is {@code limit=10}). A player sees only their own rounds; staff
 * (roles ADMIN, OPS, COMPLIANCE) see any. See {@link RecallSecurity}.
 */
@RestController
class RecallController {
  private static final int MAX_LIMIT = 100;
  static final Set<String> STAFF = Set.of("ADMIN", "OPS", "COMPLIANCE");
  private final GameRecall recall;

  RecallController(GameRecall recall) {
    this.recall = recall;
  }

  @GetMapping("/recall/sessions/{sessionId}/rounds/{round}")
  RoundRecall round(
      @PathVariable UUID sessionId, @PathVariable long round, @AuthenticationPrincipal Jwt caller) {
    RoundRecall r = recall.round(sessionId, round);
    if (!staff(caller) && !r.userId().toString().equals(caller.getSubject())) {
      throw new CroupierException(
          ErrorCode.NOT_YOUR_SESSION, ErrorCode.NOT_YOUR_SESSION.description());
    }
    return r;
  }

  @GetMapping("/recall/users/{userId}/last-games")
  List<RoundRecall> lastGames(
      @PathVariable UUID userId,
      @RequestParam(defaultValue = "10") int limit,
      @AuthenticationPrincipal Jwt caller) {
    if (!staff(caller) && !userId.toString().equals(caller.getSubject())) {
      throw new CroupierException(ErrorCode.FORBIDDEN, "A player may recall only their own games.");
    }
    return recall.lastGames(userId, Math.max(1, Math.min(limit, MAX_LIMIT)));
  }

  private static boolean staff(Jwt caller) {
    List<String> roles = caller.getClaimAsStringList("roles");
    return roles != null && roles.stream().anyMatch(STAFF::contains);
  }
}
