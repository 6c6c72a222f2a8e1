package dev.croupier.gateway.ws;

import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A well-formed client request of protocol croupier.v1; {@link ClientMessages} builds them. */
sealed interface ClientMessage {
  /** The request id: {@code re} of the answer, and the idempotency key of a bet. */
  String id();

  record OpenSession(
      String id, String gameId, @Nullable String version, @Nullable String clientSeed)
      implements ClientMessage {}

  record CloseSession(String id, UUID sessionId) implements ClientMessage {}

  /** The player's own client seed for the session, chosen after its commitment was shown. */
  record ChooseClientSeed(String id, UUID sessionId, String clientSeed) implements ClientMessage {}

  record PlaceBet(String id, UUID sessionId, long amount, String currency, int spins)
      implements ClientMessage {
    /** The bet as the idempotency check compares it. */
    String fingerprint() {
      return sessionId + "|" + amount + "|" + currency + "|" + spins;
    }
  }

  record SessionState(String id, UUID sessionId) implements ClientMessage {}

  record GetBalance(String id, String currency) implements ClientMessage {}

  record Subscribe(String id, Topic topic) implements ClientMessage {}

  record Unsubscribe(String id, Topic topic) implements ClientMessage {}

  record SendChat(String id, String text) implements ClientMessage {}

  record Ping(String id) implements ClientMessage {}

  // ---- Tables (PROTOCOL.md, "Tables"); TableMessages parses them, TableDesk runs them.

  /** A request about one game table, on behalf of the socket's player. */
  sealed interface TableMessage extends ClientMessage {
    UUID tableId();

    /** The message type on the wire. */
    String type();
  }

  /** Watch a table: its view now, and a fresh one after every change. */
  record WatchTable(String id, UUID tableId) implements TableMessage {
    @Override
    public String type() {
      return "table.watch";
    }
  }

  record UnwatchTable(String id, UUID tableId) implements TableMessage {
    @Override
    public String type() {
      return "table.unwatch";
    }
  }

  /** Take {@code seat} with {@code buyIn} chips from the player's wallet. */
  record SitDown(String id, UUID tableId, int seat, long buyIn) implements TableMessage {
    @Override
    public String type() {
      return "table.sit";
    }
  }

  /** A move of the table's game, {@code {"type": …, "amount": …}}, for the player's seat. */
  record TableAct(String id, UUID tableId, int seat, Map<String, Object> move)
      implements TableMessage {
    @Override
    public String type() {
      return "table.act";
    }
  }

  /** Sit out, sit back in, or leave. */
  record ChangeSeat(String id, UUID tableId, int seat, SeatChange change) implements TableMessage {
    @Override
    public String type() {
      return change.wire;
    }
  }

  enum SeatChange {
    SIT_OUT("table.sitOut"),
    SIT_IN("table.sitIn"),
    LEAVE("table.leave");

    final String wire;

    SeatChange(String wire) {
      this.wire = wire;
    }
  }
}
