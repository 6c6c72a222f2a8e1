package dev.croupier.gateway.ws;

import dev.croupier.client.tables.GameTables;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.ws.ClientMessage.ChangeSeat;
import dev.croupier.gateway.ws.ClientMessage.SitDown;
import dev.croupier.gateway.ws.ClientMessage.TableAct;
import dev.croupier.gateway.ws.ClientMessage.TableMessage;
import dev.croupier.gateway.ws.ClientMessage.UnwatchTable;
import dev.croupier.gateway.ws.ClientMessage.WatchTable;
import dev.croupier.workflows.table.TableAck;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out the {@code table.*} requests of a socket through {@link GameTables}: always for the
 * socket's own player, with the message id as the request's idempotency key (scoped to the player,
 * so two players' ids never collide at a table). Failures are {@link CroupierException}s with the
 * table's codes, which the dispatcher turns into error frames.
 */
@Component
class TableDesk {
  private static final Logger log = LoggerFactory.getLogger(TableDesk.class);

  private final GameTables tables;
  private final TableWatch watch;
  private final Sockets sockets;
  private final Frames frames;
  private final TableProperties properties;

  TableDesk(
      GameTables tables,
      TableWatch watch,
      Sockets sockets,
      Frames frames,
      TableProperties properties) {
    this.tables = tables;
    this.watch = watch;
    this.sockets = sockets;
    this.frames = frames;
    this.properties = properties;
  }

  void handle(Connection c, TableMessage m) {
    UUID user = c.player().userId();
    String player = user.toString();
    try {
      switch (m) {
        case WatchTable w -> watchTable(c, w);
        case UnwatchTable u -> {
          sockets.unwatch(c, u.tableId());
          c.send(
              frames.reply(u.id(), "table.unwatched", Map.of("tableId", u.tableId().toString())),
              false);
        }
        case SitDown s -> {
          TableAck ack = tables.sit(s.tableId(), player, requestId(user, s), s.seat(), s.buyIn());
          log.info(
              "user {} sat at table {} seat {} with {} from {}",
              user,
              s.tableId(),
              s.seat(),
              s.buyIn(),
              c.ip());
          ack(c, m, ack);
        }
        case TableAct a ->
            ack(c, m, tables.act(a.tableId(), player, requestId(user, a), a.seat(), a.move()));
        case ChangeSeat ch -> {
          String id = requestId(user, ch);
          TableAck ack =
              switch (ch.change()) {
                case SIT_OUT -> tables.sitOut(ch.tableId(), player, id, ch.seat());
                case SIT_IN -> tables.sitIn(ch.tableId(), player, id, ch.seat());
                case LEAVE -> tables.leave(ch.tableId(), player, id, ch.seat());
              };
          if (ch.change() == ClientMessage.SeatChange.LEAVE) {
            log.info("user {} left table {} seat {}", user, ch.tableId(), ch.seat());
          }
          ack(c, m, ack);
        }
      }
    } catch (CroupierException e) {
      if (e.code() == ErrorCode.NOT_YOUR_SEAT) {
        log.warn(
            "refused {} {} on table {} by user {} from {}: not their seat",
            m.type(),
            m.id(),
            m.tableId(),
            user,
            c.ip());
      }
      throw e;
    }
  }

  private void watchTable(Connection c, WatchTable w) {
    if (!sockets.watch(c, w.tableId(), properties.maxWatchedPerSocket())) {
      throw new CroupierException(
          ErrorCode.VALIDATION_FAILED,
          "A socket watches at most "
              + properties.maxWatchedPerSocket()
              + " tables; unwatch one first.");
    }
    // Watching first: a change while the view is read is pushed after it, not lost.
    try {
      c.send(
          frames.reply(w.id(), "table.view", watch.view(w.tableId(), c.player().userId())), false);
    } catch (RuntimeException e) {
      sockets.unwatch(c, w.tableId());
      throw e;
    }
  }

  private void ack(Connection c, TableMessage m, TableAck ack) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("tableId", m.tableId().toString());
    p.put("seat", ack.seat());
    p.put("stack", ack.stack());
    p.put("handNumber", ack.handNumber());
    p.put("handRunning", ack.handRunning());
    p.put("eventSeq", ack.eventSeq());
    c.send(frames.reply(m.id(), "table.ack", p), false);
    watch.changed(m.tableId());
  }

  /** The table's request id: the player's message id, under the player. */
  private static String requestId(UUID user, TableMessage m) {
    return user + "/" + m.id();
  }
}
