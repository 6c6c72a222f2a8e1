package dev.croupier.gateway.ws;

import java.util.Objects;

/**
 * A pushed event, {@code {type, payload}}.
 *
 * @param type an event type from PROTOCOL.md ({@code jackpot.update}, {@code lobby.chat} …)
 * @param payload serialised as JSON: a map, a record or a JSON tree
 * @param droppable whether a slow reader may lose it (newer values supersede it)
 */
public record ServerEvent(String type, Object payload, boolean droppable) {
  public ServerEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
  }
}
