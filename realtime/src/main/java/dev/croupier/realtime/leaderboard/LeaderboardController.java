package dev.croupier.realtime.leaderboard;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The boards over HTTP on the realtime app's loopback port: a player's own rank on demand, and the
 * current top N.
 */
@RestController
@ConditionalOnProperty(
    name = "croupier.realtime.enabled",
    havingValue = "true",
    matchIfMissing = true)
class LeaderboardController {
  private final Leaderboards boards;

  LeaderboardController(Leaderboards boards) {
    this.boards = boards;
  }

  /** {@code GET /realtime/leaderboards/biggest-win/daily?currency=COIN&n=10}. */
  @GetMapping("/realtime/leaderboards/{board}/{period}")
  List<Standing> top(
      @PathVariable String board,
      @PathVariable String period,
      @RequestParam(defaultValue = "COIN") String currency,
      @RequestParam(defaultValue = "10") int n) {
    if (n < 1 || n > 100) {
      throw bad("n is 1 to 100");
    }
    return boards.top(board(board), period(period), currency, n);
  }

  /**
   * {@code GET /realtime/leaderboards/total-wagered/weekly/players/<userId>?currency=COIN}: 404
   * when the player has no score on that board in this period.
   */
  @GetMapping("/realtime/leaderboards/{board}/{period}/players/{userId}")
  Standing rankOf(
      @PathVariable String board,
      @PathVariable String period,
      @PathVariable UUID userId,
      @RequestParam(defaultValue = "COIN") String currency) {
    return boards
        .rankOf(userId, board(board), period(period), currency)
        .orElseThrow(() -> new CroupierException(ErrorCode.NOT_RANKED, "no score for " + userId));
  }

  /**
   * {@code GET /realtime/revenue?currency=COIN&hours=24}: gross gaming revenue per hour, oldest
   * first, every hour present.
   */
  @GetMapping("/realtime/revenue")
  List<HourlyRevenue> revenue(
      @RequestParam(defaultValue = "COIN") String currency,
      @RequestParam(defaultValue = "24") int hours) {
    if (hours < 1 || hours > 24 * 31) {
      throw bad("hours is 1 to 744");
    }
    if (!currency.matches("[A-Z]{3,8}")) {
      throw bad("currency is a code such as COIN");
    }
    return boards.revenue(currency, hours);
  }

  private static Board board(String id) {
    return Board.of(id).orElseThrow(() -> bad("unknown board " + id));
  }

  private static Period period(String id) {
    return Period.of(id).orElseThrow(() -> bad("unknown period " + id));
  }

  private static CroupierException bad(String message) {
    return new CroupierException(ErrorCode.VALIDATION_FAILED, message);
  }
}
