package dev.croupier.gateway.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * Read access to players for the rest of the gateway, for example the WebSocket gateway checking,
 * on connect, that a token's user is still allowed in. Access tokens are stateless and live
 * minutes, so a disable takes effect at once only where this is asked.
 */
public interface Players {
  /** The player's current status, or empty when no such user exists. Reads committed state. */
  Optional<PlayerStatus> status(UUID userId);
}
