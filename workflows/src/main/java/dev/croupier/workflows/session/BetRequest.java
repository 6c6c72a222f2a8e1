package dev.croupier.workflows.session;

import dev.croupier.games.api.Wager;
import java.util.Objects;
import java.util.UUID;

/**
 * One bet, or one auto-spin of several rounds, as the gateway sends it.
 *
 * @param requestId the client's message id; it is also the Temporal update id, so a replayed
 *     request returns the first answer
 * @param userId the player sending it; must own the session
 * @param wager the stake of each round
 * @param spins 1 for a single bet; more for an auto-spin (needs the feature flag)
 */
public record BetRequest(String requestId, UUID userId, Wager wager, int spins) {
  public BetRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(wager, "wager");
    if (requestId.isBlank() || requestId.length() > 128) {
      throw new IllegalArgumentException("requestId must be 1-128 characters");
    }
  }

  /** A single round. */
  public static BetRequest single(String requestId, UUID userId, Wager wager) {
    return new BetRequest(requestId, userId, wager, 1);
  }
}
