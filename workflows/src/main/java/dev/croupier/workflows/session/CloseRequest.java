package dev.croupier.workflows.session;

import java.util.Objects;
import java.util.UUID;

/**
 * The player ends the session.
 *
 * @param userId the player; must own the session
 */
public record CloseRequest(UUID userId) {
  public CloseRequest {
    Objects.requireNonNull(userId, "userId");
  }
}
