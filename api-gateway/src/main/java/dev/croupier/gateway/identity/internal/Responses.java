package dev.croupier.gateway.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** JSON response bodies of {@code /auth}. */
final class Responses {
  private Responses() {}

  /**
   * @param walletReady false while the welcome grant is still owed (the wallet was unreachable); it
   *     is retried at the next login
   */
  record Profile(
      UUID userId,
      String email,
      String displayName,
      List<String> roles,
      Instant createdAt,
      boolean walletReady) {}

  /** OAuth 2-style token answer (RFC 6749 §5.1), with the device the tokens are bound to. */
  record Tokens(
      String accessToken,
      String tokenType,
      long expiresIn,
      String refreshToken,
      long refreshExpiresIn,
      UUID userId,
      String deviceId) {}

  /** {@code GET /auth/me}: the profile plus the device of the token used. */
  record Me(Profile profile, String deviceId) {}

  /**
   * A one-time WebSocket ticket: offer it as subprotocol {@code croupier.ticket.<ticket>}.
   *
   * @param expiresIn seconds it stays good
   */
  record Ticket(String ticket, long expiresIn) {}
}
