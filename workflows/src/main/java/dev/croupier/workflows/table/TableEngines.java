package dev.croupier.workflows.table;

import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.TableGame;

/**
 * The table games installed with this worker, found once by {@link java.util.ServiceLoader} when
 * the class loads and never changed after: the engines are code of the deployment, like the
 * workflow itself, and pure, so calling them from workflow code is deterministic. What keeps replay
 * safe when a deployment changes is the pin: a table records the content hash of the version it
 * opened with and refuses to go on with an engine whose hash differs ({@link TableWorkflowImpl}).
 */
final class TableEngines {
  private static final GameRegistry INSTALLED =
      GameRegistry.load(TableEngines.class.getClassLoader());

  private TableEngines() {}

  /**
   * The engine of one table game version.
   *
   * @throws dev.croupier.errors.CroupierException {@code UNKNOWN_GAME} or {@code
   *     UNKNOWN_GAME_VERSION} when this worker does not have it
   */
  @SuppressWarnings("unchecked")
  static TableGame<Object> find(GameRef game) {
    return (TableGame<Object>) INSTALLED.table(game);
  }
}
