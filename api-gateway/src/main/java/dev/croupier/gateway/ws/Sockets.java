package dev.croupier.gateway.ws;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sockets open on this node: by user (for the per-user connection limit, which is per node) and
 * by topic (for pushes). Realtime feeds push through {@link #push}.
 */
@Component
public class Sockets {
  private final Map<String, Connection> all = new ConcurrentHashMap<>();
  private final Map<UUID, Set<Connection>> byUser = new ConcurrentHashMap<>();
  private final Map<Topic, Set<Connection>> byTopic = new EnumMap<>(Topic.class);
  private final Map<UUID, Set<Connection>> byTable = new ConcurrentHashMap<>();
  private final JsonMapper json;

  public Sockets(Frames frames, MeterRegistry meters) {
    this.json = frames.mapper();
    Gauge.builder("croupier.gateway.sockets", all, Map::size)
        .description("Player WebSockets open on this gateway node")
        .register(meters);
    for (Topic t : Topic.values()) {
      byTopic.put(t, ConcurrentHashMap.newKeySet());
    }
  }

  /** Pushes an event to every subscriber of the topic on this node. */
  public void push(Topic topic, ServerEvent event) {
    Set<Connection> subscribers = byTopic.get(topic);
    if (subscribers.isEmpty()) {
      return;
    }
    String frame = json.writeValueAsString(Frames.event(event));
    for (Connection c : subscribers) {
      c.send(frame, event.droppable());
    }
  }

  /** Pushes an event to every socket open on this node. */
  public void pushAll(ServerEvent event) {
    String frame = json.writeValueAsString(Frames.event(event));
    for (Connection c : all.values()) {
      c.send(frame, event.droppable());
    }
  }

  /** Sockets open on this node. */
  public int count() {
    return all.size();
  }

  /** Adds a socket unless its user already has {@code max} here. */
  boolean add(Connection c, int max) {
    boolean[] added = {false};
    byUser.compute(
        c.player().userId(),
        (user, set) -> {
          Set<Connection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
          if (s.size() < max) {
            s.add(c);
            added[0] = true;
          }
          return s.isEmpty() ? null : s;
        });
    if (added[0]) {
      all.put(c.id(), c);
    }
    return added[0];
  }

  void remove(Connection c) {
    all.remove(c.id());
    byUser.computeIfPresent(
        c.player().userId(),
        (user, set) -> {
          set.remove(c);
          return set.isEmpty() ? null : set;
        });
    for (Set<Connection> s : byTopic.values()) {
      s.remove(c);
    }
    for (UUID table : c.tables()) {
      unwatch(c, table);
    }
  }

  Connection find(String socketId) {
    return all.get(socketId);
  }

  void subscribe(Connection c, Topic topic) {
    c.topics().add(topic);
    byTopic.get(topic).add(c);
  }

  void unsubscribe(Connection c, Topic topic) {
    c.topics().remove(topic);
    byTopic.get(topic).remove(c);
  }

  /** Adds the socket to a table's watchers unless it already watches {@code max} tables. */
  boolean watch(Connection c, UUID tableId, int max) {
    synchronized (c.tables()) {
      if (!c.tables().contains(tableId) && c.tables().size() >= max) {
        return false;
      }
      c.tables().add(tableId);
    }
    byTable.compute(
        tableId,
        (t, set) -> {
          Set<Connection> s = set == null ? ConcurrentHashMap.newKeySet() : set;
          s.add(c);
          return s;
        });
    return true;
  }

  void unwatch(Connection c, UUID tableId) {
    synchronized (c.tables()) {
      c.tables().remove(tableId);
    }
    byTable.computeIfPresent(
        tableId,
        (t, set) -> {
          set.remove(c);
          return set.isEmpty() ? null : set;
        });
  }

  /** The open sockets on this node that watch a table. */
  List<Connection> watchers(UUID tableId) {
    Set<Connection> s = byTable.get(tableId);
    return s == null ? List.of() : s.stream().filter(Connection::isOpen).toList();
  }

  List<Connection> snapshot() {
    return new ArrayList<>(all.values());
  }

  /** The sockets of one user on this node. */
  List<Connection> ofUser(UUID userId) {
    Set<Connection> s = byUser.get(userId);
    return s == null ? List.of() : new ArrayList<>(s);
  }
}
