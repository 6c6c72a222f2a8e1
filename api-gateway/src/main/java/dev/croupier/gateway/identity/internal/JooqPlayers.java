package dev.croupier.gateway.identity.internal;

import static dev.croupier.db.jooq.identity.Tables.REFRESH_TOKENS;
import static dev.croupier.db.jooq.identity.Tables.USERS;

import dev.croupier.gateway.identity.PlayerStatus;
import dev.croupier.gateway.identity.Players;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
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
        .map(u -> new PlayerStatus(u.userId(), u.displayName(), u.roles(), u.disabled()));
  }

  @Override
  public Map<UUID, PlayerStatus> statuses(Collection<UUID> userIds) {
    Map<UUID, PlayerStatus> out = new HashMap<>();
    if (userIds.isEmpty()) {
      return out;
    }
    dsl.select(USERS.USER_ID, USERS.DISPLAY_NAME, USERS.ROLES, USERS.STATUS)
        .from(USERS)
        .where(USERS.USER_ID.in(userIds))
        .forEach(
            r ->
                out.put(
                    r.value1(),
                    new PlayerStatus(
                        r.value1(),
                        r.value2(),
                        List.of(r.value3()),
                        !"ACTIVE".equals(r.value4()))));
    return out;
  }

  @Override
  public Map<Device, Instant> lastRevocations(Collection<UUID> userIds) {
    Map<Device, Instant> out = new HashMap<>();
    if (userIds.isEmpty()) {
      return out;
    }
    var last = DSL.max(REFRESH_TOKENS.REVOKED_AT);
    dsl.select(REFRESH_TOKENS.USER_ID, REFRESH_TOKENS.DEVICE_ID, last)
        .from(REFRESH_TOKENS)
        .where(REFRESH_TOKENS.USER_ID.in(userIds))
        .and(REFRESH_TOKENS.REVOKED_AT.isNotNull())
        .groupBy(REFRESH_TOKENS.USER_ID, REFRESH_TOKENS.DEVICE_ID)
        .forEach(r -> out.put(new Device(r.value1(), r.value2()), r.value3().toInstant()));
    return out;
  }
}
