package dev.croupier.games.api;

import java.util.Map;

/**
 * One version of one game, of one of the two kinds the platform hosts: a {@link RoundGame} (one
 * stake, one outcome, played in a game session workflow) or a {@link TableGame} (seats sharing a
 * long-running table, played in a table workflow). The platform knows the kind, never the concrete
 * game: it finds plugins in a {@link GameRegistry} and talks to them only through these two
 * contracts.
 *
 * <p>A plugin never touches the wallet: it says what must be posted and the workflow posts it.
 */
public sealed interface GamePlugin permits RoundGame, TableGame {

  /**
   * The game id, version, kind, limits, currency, declared math and certified content hash of this
   * plugin. Constant for the life of the plugin.
   */
  GameDescriptor descriptor();

  /**
   * What a client needs to draw this version and check its rounds, as JSON values (String, Boolean,
   * Integer, Long, List, Map): a slot's reel strips and paylines, a table game's moves. Constant
   * for the life of the plugin; empty when the client needs nothing beyond the descriptor. Served
   * by the gateway beside the descriptor.
   */
  default Map<String, Object> clientInfo() {
    return Map.of();
  }

  /** The kind of this plugin, which decides the workflow that hosts it. */
  default GameKind kind() {
    return switch (this) {
      case RoundGame round -> GameKind.SINGLE_PLAYER_ROUND;
      case TableGame<?> table -> GameKind.TABLE;
    };
  }
}
