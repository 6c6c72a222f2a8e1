package dev.croupier.realtime.leaderboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
   * The last {@code hours} hours of revenue of {@code currency}, oldest first, each hour present
   * (zero where nothing was played).
   */
  public List<HourlyRevenue> revenue(String currency, int hours) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
    Instant since = now.minus(Duration.ofHours(hours - 1L));
    Map<Instant, Revenue.Hour> stored = new HashMap<>();
    dsl.transactionResult(c -> repository.revenue(c.dsl(), currency, since))
        .forEach(h -> stored.put(h.hour(), h));
    List<HourlyRevenue> out = new ArrayList<>();
    for (Instant h = since; !h.isAfter(now); h = h.plus(Duration.ofHours(1))) {
      Revenue.Hour x = stored.getOrDefault(h, new Revenue.Hour(currency, h, 0, 0, 0, 0));
      out.add(new HourlyRevenue(h, x.stakes(), x.wins(), x.rake(), x.ggr(), x.rounds()));
    }
    return out;
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
