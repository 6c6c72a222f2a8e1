package dev.croupier.games.api;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The installed games, by id and version. Immutable and thread-safe; build it once at start-up,
 * from {@link ServiceLoader} with {@link #load(ClassLoader)} or from a Spring context's plugins
 * with {@link #of(Collection)}.
 */
public final class GameRegistry {
  private final Map<String, TreeMap<String, GamePlugin>> byIdThenVersion;

  private GameRegistry(Map<String, TreeMap<String, GamePlugin>> byIdThenVersion) {
    this.byIdThenVersion = byIdThenVersion;
  }

  /**
   * Finds every {@link GamePluginProvider} visible to a class loader.
   *
   * @throws IllegalStateException if two plugins claim the same game version
   */
  public static GameRegistry load(ClassLoader classLoader) {
    List<GamePlugin> plugins = new ArrayList<>();
    for (GamePluginProvider provider : ServiceLoader.load(GamePluginProvider.class, classLoader)) {
      plugins.addAll(provider.plugins());
    }
    return of(plugins);
  }

  /**
   * A registry of the given plugins.
   *
   * @throws IllegalStateException if two plugins claim the same game version, a plugin declares a
   *     kind other than its contract's, or a plugin has no content hash
   */
  public static GameRegistry of(Collection<? extends GamePlugin> plugins) {
    Map<String, TreeMap<String, GamePlugin>> index = new TreeMap<>();
    for (GamePlugin plugin : plugins) {
      GameDescriptor descriptor = plugin.descriptor();
      GameRef ref = descriptor.ref();
      if (descriptor.kind() != plugin.kind()) {
        throw new IllegalStateException(
            ref + " declares kind " + descriptor.kind() + " but is a " + plugin.kind() + " game");
      }
      if (descriptor.contentHash() == null) {
        throw new IllegalStateException(ref + " has no content hash of what was certified");
      }
      GamePlugin previous =
          index
              .computeIfAbsent(ref.gameId(), id -> new TreeMap<>(GameRef::compareVersions))
              .putIfAbsent(ref.version(), plugin);
      if (previous != null) {
        throw new IllegalStateException("two plugins provide " + ref);
      }
    }
    return new GameRegistry(index);
  }

  /**
   * The plugin for one game version; a session always plays through the version in its state.
   *
   * @throws CroupierException {@link ErrorCode#UNKNOWN_GAME} if no plugin provides the game, {@link
   *     ErrorCode#UNKNOWN_GAME_VERSION} if the game exists but not in this version
   */
  public GamePlugin find(GameRef ref) {
    TreeMap<String, GamePlugin> versions = byIdThenVersion.get(ref.gameId());
    if (versions == null) {
      throw new CroupierException(ErrorCode.UNKNOWN_GAME, "no game " + ref.gameId());
    }
    GamePlugin plugin = versions.get(ref.version());
    if (plugin == null) {
      throw new CroupierException(
          ErrorCode.UNKNOWN_GAME_VERSION,
          "game " + ref.gameId() + " has versions " + versions.keySet() + ", not " + ref.version());
    }
    return plugin;
  }

  /**
   * The round game of one version.
   *
   * @throws CroupierException as {@link #find(GameRef)}, and {@link ErrorCode#UNKNOWN_GAME} if the
   *     game is not a round game
   */
  public RoundGame round(GameRef ref) {
    if (find(ref) instanceof RoundGame round) {
      return round;
    }
    throw new CroupierException(ErrorCode.UNKNOWN_GAME, ref + " is not a round game");
  }

  /**
   * The table game of one version.
   *
   * @throws CroupierException as {@link #find(GameRef)}, and {@link ErrorCode#UNKNOWN_GAME} if the
   *     game is not a table game
   */
  public TableGame<?> table(GameRef ref) {
    if (find(ref) instanceof TableGame<?> table) {
      return table;
    }
    throw new CroupierException(ErrorCode.UNKNOWN_GAME, ref + " is not a table game");
  }

  /**
   * Like {@link #find(GameRef)}, from raw client input.
   *
   * @throws CroupierException {@link ErrorCode#UNKNOWN_GAME} if the id is malformed or unknown,
   *     {@link ErrorCode#UNKNOWN_GAME_VERSION} if the version is malformed or unknown
   */
  public GamePlugin find(String gameId, String version) {
    GamePlugin latest = latest(gameId);
    try {
      return find(new GameRef(latest.descriptor().ref().gameId(), version));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new CroupierException(ErrorCode.UNKNOWN_GAME_VERSION, "bad version " + version);
    }
  }

  /**
   * The newest version of a game, which new sessions start on.
   *
   * @throws CroupierException {@link ErrorCode#UNKNOWN_GAME} if no plugin provides the game
   */
  public GamePlugin latest(String gameId) {
    TreeMap<String, GamePlugin> versions = gameId == null ? null : byIdThenVersion.get(gameId);
    if (versions == null) {
      throw new CroupierException(ErrorCode.UNKNOWN_GAME, "no game " + gameId);
    }
    return versions.lastEntry().getValue();
  }

  /** Every installed game version, by id then version. */
  public List<GameDescriptor> descriptors() {
    return byIdThenVersion.values().stream()
        .flatMap(versions -> versions.values().stream())
        .map(GamePlugin::descriptor)
        .sorted(
            Comparator.comparing((GameDescriptor d) -> d.ref().gameId())
                .thenComparing(d -> d.ref().version(), GameRef::compareVersions))
        .toList();
  }
}
