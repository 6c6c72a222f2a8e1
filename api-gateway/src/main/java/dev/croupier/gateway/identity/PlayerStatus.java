package dev.croupier.gateway.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the gateway needs to know about a player to let them in.
 *
 * @param disabled an operator switched the account off: no logins, no refreshes
 * @param lockedUntil set while password logins are locked after repeated failures; a lockout does
 *     not end sessions that already hold tokens
 */
public record PlayerStatus(
    UUID userId,
    String displayName,
    List<String> roles,
    boolean disabled,
    Optional<Instant> lockedUntil) {

  /** Whether a password login would be refused at {@code now} because of a lockout. */
  public boolean lockedAt(Instant now) {
    return lockedUntil.map(now::isBefore).orElse(false);
  }
}
