package dev.croupier.gateway.identity.internal;

import dev.croupier.gateway.identity.PlayerStatus;
import dev.croupier.gateway.identity.Players;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

@Component
final class JooqPlayers implements Players {
  private final DSLContext dsl;
  private final UserRepository users;

  JooqPlayers(DSLContext dsl, UserRepository users) {
    this.dsl = dsl;
    this.users = users;
  }

  @Override
  public Optional<PlayerStatus> status(UUID userId) {
    return users
        .findById(dsl, userId)
        .map(
            u ->
                new PlayerStatus(
                    u.userId(), u.displayName(), u.roles(), u.disabled(), u.lockedUntil()));
  }
}
