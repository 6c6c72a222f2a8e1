package dev.croupier.gateway.ws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.croupier.client.tables.GameTables;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.table.SeatFacts;
import dev.croupier.gateway.identity.PlayerStatus;
import dev.croupier.gateway.identity.Players;
import dev.croupier.workflows.table.TableSnapshot;
import dev.croupier.workflows.table.TableView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pushes a fresh {@code table.view} to every socket on this node that watches a table whenever the
 * table changes: on each record of {@code table.events} (whichever node's player acted, or the
 * action clock) and after each request this node had acknowledged. Each watcher's view comes from
 * the workflow's snapshot query for that watcher's player, so a player only ever sees their own
 * private cards. Refreshes of one table run one at a time and coalesce: any number of changes
 * during a refresh cause exactly one more, so views of a table never go back in time on a socket.
 */
@Component
public class TableWatch {
  private static final Logger log = LoggerFactory.getLogger(TableWatch.class);
  private static final String UNKNOWN_PLAYER = "Player";

  private final GameTables tables;
  private final Sockets sockets;
  private final Frames frames;
  private final Players players;
  private final ExecutorService executor;
  private final Map<UUID, Refresh> refreshes = new ConcurrentHashMap<>();
  private final Cache<String, String> names =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(10)).maximumSize(100_000).build();

  TableWatch(
      GameTables tables,
      Sockets sockets,
      Frames frames,
      Players players,
      ExecutorService socketExecutor) {
    this.tables = tables;
    this.sockets = sockets;
    this.frames = frames;
    this.players = players;
    this.executor = socketExecutor;
  }

  /**
   * Something happened at a table: push fresh views to its watchers on this node, soon and on
   * another thread. Cheap when nobody here watches it. Never blocks.
   */
  public void changed(UUID tableId) {
    if (sockets.watchers(tableId).isEmpty()) {
      return;
    }
    refreshes.computeIfAbsent(tableId, Refresh::new).request();
  }

  /** The {@code table.view} payload for one player (a spectator's when they have no seat). */
  Map<String, Object> view(UUID tableId, UUID userId) {
    TableSnapshot s = tables.snapshot(tableId, userId.toString());
    return TableViews.payload(s, namesOf(s.view()), Instant.now());
  }

  private void push(UUID tableId) {
    Map<UUID, List<Connection>> byUser = new LinkedHashMap<>();
    for (Connection c : sockets.watchers(tableId)) {
      byUser.computeIfAbsent(c.player().userId(), u -> new ArrayList<>()).add(c);
    }
    for (Map.Entry<UUID, List<Connection>> e : byUser.entrySet()) {
      String frame;
      try {
        frame =
            frames
                .mapper()
                .writeValueAsString(
                    Frames.event(new ServerEvent("table.view", view(tableId, e.getKey()), true)));
      } catch (CroupierException failure) {
        if (failure.code() == ErrorCode.UNKNOWN_TABLE) {
          log.warn("table {} is gone; its watchers stop watching", tableId);
          e.getValue().forEach(c -> sockets.unwatch(c, tableId));
        } else {
          log.debug("no view of table {} for {}: {}", tableId, e.getKey(), failure.toString());
        }
        continue;
      }
      for (Connection c : e.getValue()) {
        c.send(frame, true);
      }
    }
  }

  /** Display names of the seated players, from the cache or in one read of the missing ones. */
  private java.util.function.Function<String, String> namesOf(TableView view) {
    Map<String, UUID> missing = new HashMap<>();
    for (SeatFacts s : view.seats()) {
      if (s.playerId() != null && names.getIfPresent(s.playerId()) == null) {
        try {
          missing.put(s.playerId(), UUID.fromString(s.playerId()));
        } catch (IllegalArgumentException notAUser) {
          names.put(s.playerId(), UNKNOWN_PLAYER);
        }
      }
    }
    if (!missing.isEmpty()) {
      Map<UUID, PlayerStatus> found = players.statuses(Set.copyOf(missing.values()));
      missing.forEach(
          (id, user) -> {
            PlayerStatus st = found.get(user);
            names.put(id, st == null ? UNKNOWN_PLAYER : st.displayName());
          });
    }
    return id -> {
      String name = names.getIfPresent(id);
      return name == null ? UNKNOWN_PLAYER : name;
    };
  }

  /** One table's refresh: at most one running, and one more owed after any change during it. */
  private final class Refresh {
    private final UUID tableId;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    Refresh(UUID tableId) {
      this.tableId = tableId;
    }

    void request() {
      dirty.set(true);
      if (running.compareAndSet(false, true)) {
        executor.execute(this::run);
      }
    }

    private void run() {
      try {
        while (dirty.getAndSet(false)) {
          try {
            push(tableId);
          } catch (RuntimeException e) {
            log.warn("pushing table {} failed", tableId, e);
          }
        }
      } finally {
        running.set(false);
      }
      // A change that came in after the loop's last check and before running was cleared.
      if (dirty.get() && running.compareAndSet(false, true)) {
        executor.execute(this::run);
      }
    }
  }
}
