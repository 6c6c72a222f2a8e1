package dev.croupier.games.api;

import java.util.List;

/**
 * The {@link java.util.ServiceLoader} service a game jar registers in {@code
 * META-INF/services/dev.croupier.games.api.GamePluginProvider}. One provider may offer several
 * versions of its games, so that sessions started on an older version can finish on it.
 */
public interface GamePluginProvider {

  /**
   * The plugins this jar provides, one per game version. Called once when a registry is built; may
   * read the jar's own resources, nothing else.
   */
  List<GamePlugin> plugins();
}
