package dev.croupier.gateway.ws;

import static dev.croupier.errors.ErrorCode.INVALID_AMOUNT;
import static dev.croupier.errors.ErrorCode.MALFORMED_MESSAGE;
import static dev.croupier.errors.ErrorCode.VALIDATION_FAILED;

import dev.croupier.gateway.ws.ClientMessage.ChangeSeat;
import dev.croupier.gateway.ws.ClientMessage.SeatChange;
import dev.croupier.gateway.ws.ClientMessage.SitDown;
import dev.croupier.gateway.ws.ClientMessage.TableAct;
import dev.croupier.gateway.ws.ClientMessage.TableMessage;
import dev.croupier.gateway.ws.ClientMessage.UnwatchTable;
import dev.croupier.gateway.ws.ClientMessage.WatchTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads the payload of a {@code table.*} request, with the codes PROTOCOL.md gives: {@code
 * MALFORMED_MESSAGE} for a missing field or one of the wrong JSON type; {@code VALIDATION_FAILED}
 * for a table id that is not a lower-case UUID or a seat outside 0-8; {@code INVALID_AMOUNT} for a
 * buy-in or amount that is not a whole number from 1 to 2^53-1. A move's name and amount are passed
 * to the table's game as they are: the game refuses a move it does not know ({@code
 * VALIDATION_FAILED}) or one that misses its amount ({@code MALFORMED_MESSAGE}). The player is
 * never read from the payload: it is the socket's.
 */
final class TableMessages {
  static final Set<String> TYPES =
      Set.of(
          "table.watch",
          "table.unwatch",
          "table.sit",
          "table.act",
          "table.sitOut",
          "table.sitIn",
          "table.leave");

  /** The highest seat number of the largest table (nine seats). */
  static final int MAX_SEAT = 8;

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final long MAX_AMOUNT = (1L << 53) - 1;
  // A move is named by the game; bounded here so that nothing unbounded reaches a workflow.
  private static final Pattern MOVE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,31}");

  private TableMessages() {}

  static TableMessage parse(String id, String type, JsonNode p) {
    UUID tableId = tableId(id, p);
    return switch (type) {
      case "table.watch" -> new WatchTable(id, tableId);
      case "table.unwatch" -> new UnwatchTable(id, tableId);
      case "table.sit" -> new SitDown(id, tableId, seat(id, p), amount(id, p, "buyIn"));
      case "table.act" -> new TableAct(id, tableId, seat(id, p), action(id, p));
      case "table.sitOut" -> new ChangeSeat(id, tableId, seat(id, p), SeatChange.SIT_OUT);
      case "table.sitIn" -> new ChangeSeat(id, tableId, seat(id, p), SeatChange.SIT_IN);
      case "table.leave" -> new ChangeSeat(id, tableId, seat(id, p), SeatChange.LEAVE);
      default -> throw new IllegalArgumentException("not a table message: " + type);
    };
  }

  private static UUID tableId(String id, JsonNode p) {
    JsonNode n = p.get("tableId");
    if (n == null || n.isNull()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, "tableId is missing.");
    }
    if (!n.isString()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, "tableId must be a string.");
    }
    if (!UUID_TEXT.matcher(n.stringValue()).matches()) {
      throw new ProtocolException(id, VALIDATION_FAILED, "tableId must be a lower-case UUID.");
    }
    return UUID.fromString(n.stringValue());
  }

  private static int seat(String id, JsonNode p) {
    JsonNode n = p.get("seat");
    if (n == null || n.isNull()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, "seat is missing.");
    }
    if (!n.isIntegralNumber()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, "seat must be an integer.");
    }
    if (!n.canConvertToInt() || n.intValue() < 0 || n.intValue() > MAX_SEAT) {
      throw new ProtocolException(id, VALIDATION_FAILED, "seat must be 0 to " + MAX_SEAT + ".");
    }
    return n.intValue();
  }

  private static long amount(String id, JsonNode p, String field) {
    JsonNode n = p.get(field);
    if (n == null || n.isNull()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, field + " is missing.");
    }
    if (!n.isIntegralNumber()
        || !n.canConvertToLong()
        || n.longValue() < 1
        || n.longValue() > MAX_AMOUNT) {
      throw new ProtocolException(
          id, INVALID_AMOUNT, field + " must be a whole number of minor units, 1 to 2^53-1.");
    }
    return n.longValue();
  }

  /** The move {@code {"type": action, "amount": …}}, for the table's game to read. */
  private static Map<String, Object> action(String id, JsonNode p) {
    JsonNode n = p.get("action");
    if (n == null || n.isNull()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, "action is missing.");
    }
    if (!n.isString()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, "action must be a string.");
    }
    if (!MOVE_NAME.matcher(n.stringValue()).matches()) {
      throw new ProtocolException(id, VALIDATION_FAILED, "action is not a move of any game.");
    }
    Map<String, Object> move = new LinkedHashMap<>();
    move.put("type", n.stringValue());
    JsonNode amount = p.get("amount");
    if (amount != null && !amount.isNull()) {
      move.put("amount", amount(id, p, "amount"));
    }
    return move;
  }
}
