package dev.croupier.admin.dashboard;

import dev.croupier.wallet.api.WalletEntryEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Bets per second over the last ten minutes, counted from the live ledger: one stake entry on a
 * player's account is one bet.
 */
final class BetRate {
  static final int SECONDS = 600;
  private final long[] counts = new long[SECONDS];
  private final long[] stamps = new long[SECONDS];
  private final Clock clock;

  BetRate(Clock clock) {
    this.clock = clock;
  }

  /** Counts {@code e} when it is a bet. */
  synchronized void accept(WalletEntryEvent e) {
    if (!"PLAYER".equals(e.accountType()) || e.amount() >= 0) {
      return;
    }
    if (!"BET".equals(e.kind()) && !"BET_AND_WIN".equals(e.kind())) {
      return;
    }
    long second = clock.millis() / 1000;
    int i = (int) (second % SECONDS);
    if (stamps[i] != second) {
      stamps[i] = second;
      counts[i] = 0;
    }
    counts[i]++;
  }

  /** {@code [epoch second, bets]} for each of the last ten minutes' seconds, oldest first. */
  synchronized List<long[]> series() {
    long now = clock.millis() / 1000;
    List<long[]> out = new ArrayList<>(SECONDS);
    for (long s = now - SECONDS + 1; s <= now; s++) {
      int i = (int) (s % SECONDS);
      out.add(new long[] {s, stamps[i] == s ? counts[i] : 0});
    }
    return out;
  }
}
