package dev.croupier.realtime.leaderboard;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/** Reads the boards of the current period (by the clock, in UTC). Each call is one query. */
public final class Leaderboards {
  private final DSLContext dsl;
  private final Clock clock;
  private final LeaderboardRepository repository = new LeaderboardRepository();

  public Leaderboards(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** The best {@code n} of a board, best first; ties share a rank and are ordered by user ID. */
  public List<Standing> top(Board board, Period period, String currency, int n) {
    return dsl.transactionResult(
        c -> repository.top(c.dsl(), board, period, period.start(clock.instant()), currency, n));
  }

  /**
   * The player's rank on a board now, or empty when the player has no score on it in this period.
   */
  public Optional<Standing> rankOf(UUID userId, Board board, Period period, String currency) {
    return dsl.transactionResult(
        c ->
            repository.rankOf(
                c.dsl(), userId, board, period, period.start(clock.instant()), currency));
  }
}
