package dev.croupier.realtime.internal;

import java.util.UUID;

/**
 * The workers do not read the identity context, so records name players by user ID and carry a
 * neutral stand-in display name; the gateway, which owns identity, replaces it with the real one.
 */
public final class DisplayNames {
  private DisplayNames() {}

  /** {@code "player-"} and the last 6 hex digits of the user ID (the random part of a UUIDv7). */
  public static String standIn(UUID userId) {
    String s = userId.toString();
    return "player-" + s.substring(s.length() - 6);
  }
}
