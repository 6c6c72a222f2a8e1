package dev.croupier.gateway.identity.internal;

import static dev.croupier.db.jooq.identity.Tables.WS_TICKETS;

import dev.croupier.gateway.identity.AuthenticatedPlayer;
import dev.croupier.gateway.identity.IdentityProperties;
import dev.croupier.gateway.identity.SocketTickets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/** {@link SocketTickets} in {@code identity.ws_tickets}, shared by every gateway node. */
@Component
final class JooqSocketTickets implements SocketTickets {
  private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DSLContext dsl;
  private final RevokedAccessTokens revoked;
  private final IdentityProperties properties;
  private final Clock clock;

  JooqSocketTickets(
      DSLContext dsl, RevokedAccessTokens revoked, IdentityProperties properties, Clock clock) {
    this.dsl = dsl;
    this.revoked = revoked;
    this.properties = properties;
    this.clock = clock;
  }

  /** A new ticket for the holder of {@code jwt}; only its SHA-256 is stored. */
  Responses.Ticket issue(Jwt jwt) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    AuthenticatedPlayer player = AuthenticatedPlayer.from(jwt);
    Instant now = clock.instant();
    Instant expires = now.plus(properties.wsTicketTtl());
    dsl.transaction(
        c -> {
          c.dsl()
              .deleteFrom(WS_TICKETS)
              .where(WS_TICKETS.EXPIRES_AT.lt(UserRepository.at(now)))
              .execute();
          c.dsl()
              .insertInto(WS_TICKETS)
              .set(WS_TICKETS.TICKET_HASH, RefreshTokens.hash(ticket))
              .set(WS_TICKETS.USER_ID, player.userId())
              .set(WS_TICKETS.DEVICE_ID, player.deviceId())
              .set(WS_TICKETS.ROLES, player.roles().toArray(String[]::new))
              .set(WS_TICKETS.TOKEN_ID, jwt.getId())
              .set(WS_TICKETS.TOKEN_ISSUED_AT, UserRepository.at(jwt.getIssuedAt()))
              .set(WS_TICKETS.TOKEN_EXPIRES_AT, UserRepository.at(jwt.getExpiresAt()))
              .set(WS_TICKETS.EXPIRES_AT, UserRepository.at(expires))
              .execute();
        });
    return new Responses.Ticket(ticket, properties.wsTicketTtl().toSeconds());
  }

  @Override
  public Optional<Redeemed> redeem(String ticket) {
    if (ticket == null || !TICKET.matcher(ticket).matches()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return dsl.transactionResult(
            c ->
                c.dsl()
                    .deleteFrom(WS_TICKETS)
                    .where(WS_TICKETS.TICKET_HASH.eq(RefreshTokens.hash(ticket)))
                    .returning()
                    .fetchOptional())
        .filter(r -> now.isBefore(r.getExpiresAt().toInstant()))
        .filter(r -> now.isBefore(r.getTokenExpiresAt().toInstant()))
        .filter(r -> !revoked.isRevoked(r.getTokenId()))
        .map(
            r ->
                new Redeemed(
                    new AuthenticatedPlayer(r.getUserId(), r.getDeviceId(), List.of(r.getRoles())),
                    r.getTokenId(),
                    r.getTokenIssuedAt().toInstant(),
                    r.getTokenExpiresAt().toInstant()));
  }
}
