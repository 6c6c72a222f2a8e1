package dev.croupier.realtime.leaderboard;

import dev.croupier.wallet.api.WalletEntryEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gross gaming revenue inputs per currency and hour: players' stakes (one per round) and wins, and
 * the house's rake. Counted from the same entries, once each, as the boards.
 */
final class Revenue {
  private static final Set<String> STAKES = Set.of("BET", "BET_AND_WIN");
  private static final Set<String> WINS = Set.of("WIN", "BET_AND_WIN", "JACKPOT_WIN");

  /** One hour's sums of one currency. */
  record Hour(String currency, Instant hour, long stakes, long wins, long rake, long rounds) {
    Hour plus(Hour o) {
      return new Hour(
          currency, hour, stakes + o.stakes, wins + o.wins, rake + o.rake, rounds + o.rounds);
    }

    long ggr() {
      return stakes - wins + rake;
    }
  }

  private Revenue() {}

  /** What an entry adds to its hour, if it counts at all. */
  static Optional<Hour> of(WalletEntryEvent e) {
    Instant hour = e.createdAt().truncatedTo(ChronoUnit.HOURS);
    if ("PLAYER".equals(e.accountType())) {
      if (e.amount() < 0 && STAKES.contains(e.kind())) {
        return Optional.of(new Hour(e.currency(), hour, -e.amount(), 0, 0, 1));
      }
      if (e.amount() > 0 && WINS.contains(e.kind())) {
        return Optional.of(new Hour(e.currency(), hour, 0, e.amount(), 0, 0));
      }
    } else if ("HOUSE".equals(e.accountType()) && "RAKE".equals(e.kind()) && e.amount() > 0) {
      return Optional.of(new Hour(e.currency(), hour, 0, 0, e.amount(), 0));
    }
    return Optional.empty();
  }

  /** The entries' sums by (currency, hour). */
  static Collection<Hour> sum(Collection<WalletEntryEvent> entries) {
    Map<String, Hour> out = new HashMap<>();
    for (WalletEntryEvent e : entries) {
      of(e).ifPresent(h -> out.merge(h.currency() + "@" + h.hour(), h, Hour::plus));
    }
    return out.values();
  }
}
