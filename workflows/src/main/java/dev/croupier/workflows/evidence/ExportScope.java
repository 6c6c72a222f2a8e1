package dev.croupier.workflows.evidence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What an export covers, fixed when it is requested so that every step of the export works on the
 * same set: one session; a table's runs and hands over {@code [from, to)}; or a player's sessions
 * that started in {@code [from, to)}, listed by id.
 *
 * @param kind {@code session}, {@code table} or {@code player}
 * @param id the session id, the table id or the player's user id
 * @param from the range's start, ISO-8601 instant (table and player)
 * @param to the range's end, exclusive, ISO-8601 instant (table and player)
 * @param sessions the sessions in scope: the one session, or every session of the player that
 *     started in the range (none for a table)
 */
public record ExportScope(String kind, String id, String from, String to, List<UUID> sessions) {
  public static final String SESSION = "session";
  public static final String TABLE = "table";
  public static final String PLAYER = "player";

  public ExportScope {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    sessions = sessions == null ? List.of() : List.copyOf(sessions);
    switch (kind) {
      case SESSION -> {
        if (sessions.size() != 1 || !sessions.get(0).toString().equals(id)) {
          throw new IllegalArgumentException("a session scope lists its one session");
        }
      }
      case TABLE, PLAYER -> {
        if (!Instant.parse(Objects.requireNonNull(from, "from"))
            .isBefore(Instant.parse(Objects.requireNonNull(to, "to")))) {
          throw new IllegalArgumentException("from must be before to");
        }
        if (kind.equals(TABLE) && !sessions.isEmpty()) {
          throw new IllegalArgumentException("a table scope lists no sessions");
        }
      }
      default -> throw new IllegalArgumentException("unknown scope kind " + kind);
    }
  }

  /** One session. */
  public static ExportScope session(UUID sessionId) {
    return new ExportScope(SESSION, sessionId.toString(), null, null, List.of(sessionId));
  }

  /** A table's runs and hands over {@code [from, to)}. */
  public static ExportScope table(String tableId, Instant from, Instant to) {
    return new ExportScope(TABLE, tableId, from.toString(), to.toString(), List.of());
  }

  /** A player's sessions that started in {@code [from, to)}. */
  public static ExportScope player(UUID playerId, Instant from, Instant to, List<UUID> sessions) {
    return new ExportScope(PLAYER, playerId.toString(), from.toString(), to.toString(), sessions);
  }

  /**
   * The manifest's {@code scope}: {@code {kind, sessionId}}, {@code {kind, tableId, from, to}} or
   * {@code {kind, playerId, from, to, sessions}}.
   */
  public Map<String, Object> manifest() {
    return switch (kind) {
      case SESSION -> Map.of("kind", kind, "sessionId", id);
      case TABLE -> Map.of("kind", kind, "tableId", id, "from", from, "to", to);
      default ->
          Map.of(
              "kind",
              kind,
              "playerId",
              id,
              "from",
              from,
              "to",
              to,
              "sessions",
              sessions.stream().map(UUID::toString).toList());
    };
  }

  /** The audit log's target: {@code session:<id>}, {@code table:<id>} or {@code player:<id>}. */
  public String target() {
    return kind + ":" + id;
  }
}
