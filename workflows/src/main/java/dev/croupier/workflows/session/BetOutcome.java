package dev.croupier.workflows.session;

import java.util.List;

/**
 * The answer to a {@link BetRequest}.
 *
 * @param requestId the request's id
 * @param rounds the rounds played, in order: one for a bet, up to {@code spins} for an auto-spin
 * @param balance the player's balance after the last round
 * @param stoppedBy null when every requested round was played; else the error code that ended an
 *     auto-spin early (for example {@code INSUFFICIENT_FUNDS} or {@code SESSION_CLOSED})
 */
public record BetOutcome(
    String requestId, List<RoundOutcome> rounds, long balance, String stoppedBy) {
  public BetOutcome {
    rounds = List.copyOf(rounds);
  }

  /** The last round played. */
  public RoundOutcome last() {
    return rounds.get(rounds.size() - 1);
  }
}
