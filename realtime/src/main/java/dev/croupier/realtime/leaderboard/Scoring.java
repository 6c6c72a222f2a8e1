package dev.croupier.realtime.leaderboard;

import dev.croupier.wallet.api.WalletEntryEvent;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Which entries count on which board, and for how much; see {@link Board}. */
final class Scoring {
  private static final Set<String> WAGERS = Set.of("BET", "BET_AND_WIN");
  private static final Set<String> WINS = Set.of("WIN", "BET_AND_WIN", "JACKPOT_WIN");

  /** One counted entry. */
  record Counted(
      long entryId,
      Board board,
      UUID userId,
      String currency,
      long value,
      WalletEntryEvent event) {}

  private Scoring() {}

  static Optional<Counted> of(WalletEntryEvent e) {
    if (!"PLAYER".equals(e.accountType()) || e.ownerId().isEmpty()) {
      return Optional.empty();
    }
    UUID user = UUID.fromString(e.ownerId());
    if (e.amount() < 0 && WAGERS.contains(e.kind())) {
      return Optional.of(
          new Counted(e.entryId(), Board.TOTAL_WAGERED, user, e.currency(), -e.amount(), e));
    }
    if (e.amount() > 0 && WINS.contains(e.kind())) {
      return Optional.of(
          new Counted(e.entryId(), Board.BIGGEST_WIN, user, e.currency(), e.amount(), e));
    }
    return Optional.empty();
  }
}
