package dev.croupier.games.api;

import java.util.Objects;
import java.util.UUID;

/**
 * A session's game state, owned by the workflow and passed back into every plugin call. The plugin
 * never keeps state of its own between calls, so a replayed or retried call sees exactly what the
 * first one saw.
 *
 * @param sessionId the session's stable id (a UUIDv7 from the gateway)
 * @param userId the player
 * @param game the game version the session started on, and plays to its end
 * @param round the number of the current or last round: 0 before the first bet, then 1, 2, 3 …
 * @param gameState the plugin's own state in a compact text form that only the plugin reads; for a
 *     slot, whether a stake is waiting to be settled
 */
public record SessionState(
    UUID sessionId, UUID userId, GameRef game, long round, String gameState) {

  public SessionState {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(game, "game");
    Objects.requireNonNull(gameState, "gameState");
    if (round < 0) {
      throw new IllegalArgumentException("round must be >= 0: " + round);
    }
  }

  /** The same session at another round with another plugin state. */
  public SessionState next(long newRound, String newGameState) {
    return new SessionState(sessionId, userId, game, newRound, newGameState);
  }

  /**
   * The reference the workflow uses for a round's postings. Idempotency keys derive from it: {@code
   * <txRef>/stake}, {@code <txRef>/win}, {@code <txRef>/jackpot-contribution}.
   */
  public String txRef(long roundNumber) {
    return "session-" + sessionId + "/round-" + roundNumber;
  }
}
