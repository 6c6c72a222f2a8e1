package dev.croupier.games.api;

import java.util.Objects;
import java.util.UUID;

/**
 * The answer to {@link RoundGame#initSession}.
 *
 * @param state the state to keep and pass to the first {@link RoundGame#placeBet}
 * @param descriptor the version the session is pinned to, with its limits and declared math
 */
public record SessionStarted(SessionState state, GameDescriptor descriptor) {
  public SessionStarted {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(descriptor, "descriptor");
  }

  /** The session id, as the roadmap's {@code initSession -> {sessionId, ...}} returns it. */
  public UUID sessionId() {
    return state.sessionId();
  }
}
