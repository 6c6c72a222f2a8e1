package dev.croupier.gateway.identity;

import java.util.List;
import java.util.UUID;

/**
 * What the gateway needs to know about a player to let them in.
 *
 * @param disabled an operator switched the account off: no logins, no refreshes, no sockets.
 *     (Failed logins never lock a player out: they lock the source that failed, see {@code
 *     LoginThrottle}.)
 */
public record PlayerStatus(UUID userId, String displayName, List<String> roles, boolean disabled) {}
