package dev.croupier.gateway.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The identity context as the back office sees it (served to the admin app over the StaffIdentity
 * gRPC API): players found by free text, their profile and sign-ins, and the locks and sign-outs
 * staff make. Each change is one transaction and is recorded with the staff member and the admin
 * request id in {@code identity.staff_actions}.
 */
public interface StaffPlayers {

  /**
   * A player as staff see them.
   *
   * @param locked whether staff locked the account (no sign-in, no refresh, no token, no socket)
   * @param walletReady whether the welcome grant is done
   * @param lastSignInAt the last successful sign-in, if any
   * @param providers the social-login providers linked
   */
  record Player(
      UUID userId,
      String email,
      String displayName,
      boolean locked,
      List<String> roles,
      Instant createdAt,
      boolean walletReady,
      Optional<Instant> lastSignInAt,
      List<String> providers) {}

  /** Where a search page ends: the next page starts after this player. */
  record Cursor(Instant createdAt, UUID userId) {}

  /** One page of a search, and where the next starts (empty on the last page). */
  record Page(List<Player> players, Optional<Cursor> next) {}

  /** One sign-in attempt. */
  record LoginEvent(Instant at, String ip, String method, String outcome) {}

  /**
   * Who asks for a change, and why.
   *
   * @param requestId the admin request id
   * @param reason 5 to 1000 characters
   */
  record StaffRequest(UUID staffId, String requestId, String reason) {}

  /**
   * Players matching {@code query}, newest first: a user id exactly, or an email or display name
   * containing it (3 characters at least, case-insensitive).
   *
   * @param size 1 to 50
   * @throws dev.croupier.errors.CroupierException {@code VALIDATION_FAILED}
   */
  Page search(String query, int size, Optional<Cursor> after);

  /** One player, if they exist. */
  Optional<Player> find(UUID userId);

  /** A player's sign-ins, newest first, at most {@code limit} (1 to 100). */
  List<LoginEvent> logins(UUID userId, int limit);

  /**
   * Locks or unlocks a player. Locking also revokes every refresh token and refuses every access
   * token issued until now. Idempotent.
   *
   * @throws dev.croupier.errors.CroupierException {@code UNKNOWN_PLAYER}, {@code VALIDATION_FAILED}
   */
  Player lock(UUID userId, boolean locked, StaffRequest by);

  /**
   * Signs a player out everywhere: every refresh token revoked, every access token issued until now
   * refused, every socket closed by the watchdog.
   *
   * @return refresh tokens revoked
   * @throws dev.croupier.errors.CroupierException {@code UNKNOWN_PLAYER}, {@code VALIDATION_FAILED}
   */
  int signOut(UUID userId, StaffRequest by);
}
