package dev.croupier.workflows.session;

import dev.croupier.games.api.GameRef;
import java.util.Map;
import java.util.UUID;

/** The arguments of the plugin's {@code initSession}. */
public record InitSession(UUID sessionId, UUID userId, GameRef game, Map<String, Object> options) {
  public InitSession {
    options = options == null ? Map.of() : Map.copyOf(options);
  }
}
