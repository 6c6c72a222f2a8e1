package dev.croupier.workflows.session;

import dev.croupier.games.api.GameRef;
import java.util.Objects;
import java.util.UUID;

/**
 * The input of {@link GameSessionWorkflow#run}: a new session, or, after continue-as-new, the same
 * session with the state the previous run carried over.
 *
 * @param sessionId the session's id (a UUIDv7); the workflow id is {@code session-<sessionId>}
 * @param userId the player
 * @param game the game version the session plays to its end
 * @param clientSeed the player's seed, or null for one chosen with the server seed
 * @param options the session's behaviour
 * @param carry null for a new session; the carried state on continue-as-new
 */
public record SessionStart(
    UUID sessionId,
    UUID userId,
    GameRef game,
    String clientSeed,
    SessionOptions options,
    SessionCarry carry) {
  public SessionStart {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(game, "game");
    options = options == null ? SessionOptions.DEFAULTS : options;
  }

  /** The workflow id of a session. */
  public static String workflowId(UUID sessionId) {
    return "session-" + sessionId;
  }

  SessionStart continued(SessionCarry next) {
    return new SessionStart(sessionId, userId, game, clientSeed, options, next);
  }
}
