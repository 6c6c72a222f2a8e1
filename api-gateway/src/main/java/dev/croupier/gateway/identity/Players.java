package dev.croupier.gateway.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Read access to players for the rest of the gateway, for example the WebSocket gateway checking,
 * on connect and periodically after, that a token's user is still allowed in. Access tokens are
 * stateless and live minutes, so a disable, lockout or logout takes effect at once only where this
 * is asked.
 */
public interface Players {
  /** The player's current status, or empty when no such user exists. Reads committed state. */
  Optional<PlayerStatus> status(UUID userId);

  /** The statuses of many players in one read; unknown users are missing from the map. */
  Map<UUID, PlayerStatus> statuses(Collection<UUID> userIds);

  /**
   * When each device of these players last had a refresh-token family revoked (logout, reuse
   * detected, account disabled), keyed by user and device. An access token issued at or before that
   * instant belongs to a signed-out device.
   */
  Map<Device, Instant> lastRevocations(Collection<UUID> userIds);

  /** A player's device, as the access token's {@code sub} and {@code device_id} name it. */
  record Device(UUID userId, String deviceId) {}
}
