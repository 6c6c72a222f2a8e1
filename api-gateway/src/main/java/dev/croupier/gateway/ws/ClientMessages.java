package dev.croupier.gateway.ws;

import static dev.croupier.errors.ErrorCode.INVALID_WAGER;
import static dev.croupier.errors.ErrorCode.MALFORMED_MESSAGE;
import static dev.croupier.errors.ErrorCode.UNKNOWN_MESSAGE_TYPE;
import static dev.croupier.errors.ErrorCode.VALIDATION_FAILED;
import static dev.croupier.errors.ErrorCode.WRONG_CURRENCY;

import dev.croupier.gateway.ws.ClientMessage.ChooseClientSeed;
import dev.croupier.gateway.ws.ClientMessage.CloseSession;
import dev.croupier.gateway.ws.ClientMessage.GetBalance;
import dev.croupier.gateway.ws.ClientMessage.OpenSession;
import dev.croupier.gateway.ws.ClientMessage.Ping;
import dev.croupier.gateway.ws.ClientMessage.PlaceBet;
import dev.croupier.gateway.ws.ClientMessage.SendChat;
import dev.croupier.gateway.ws.ClientMessage.SessionState;
import dev.croupier.gateway.ws.ClientMessage.Subscribe;
import dev.croupier.gateway.ws.ClientMessage.Unsubscribe;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a client frame into a {@link ClientMessage}, or throws a {@link ProtocolException} with the
 * code PROTOCOL.md gives: {@code MALFORMED_MESSAGE} for anything that is not JSON, not an object,
 * or misses a field or has one of the wrong JSON type; {@code UNKNOWN_MESSAGE_TYPE}; {@code
 * VALIDATION_FAILED} for a bad value; {@code INVALID_WAGER} and {@code WRONG_CURRENCY} for a bad
 * amount or currency. Unknown payload fields are ignored.
 */
final class ClientMessages {
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern GAME_ID = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}");
  private static final Pattern CLIENT_SEED = Pattern.compile("[\\x21-\\x7e]{1,64}");
  private static final Set<String> CURRENCIES = Set.of("COIN", "CASH");
  private static final long MAX_AMOUNT = (1L << 53) - 1;
  static final int MAX_SPINS = 100;

  private final JsonMapper json;

  ClientMessages(JsonMapper json) {
    this.json = json;
  }

  ClientMessage parse(String text) {
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JacksonException e) {
      throw new ProtocolException(null, MALFORMED_MESSAGE, "The message is not valid JSON.");
    }
    if (root == null || !root.isObject()) {
      throw new ProtocolException(null, MALFORMED_MESSAGE, "The message is not a JSON object.");
    }
    JsonNode idNode = root.get("id");
    if (idNode == null || !idNode.isString() || !ID.matcher(idNode.stringValue()).matches()) {
      throw new ProtocolException(
          null, MALFORMED_MESSAGE, "id must be 1-64 characters of A-Z, a-z, 0-9, _ and -.");
    }
    String id = idNode.stringValue();
    JsonNode typeNode = root.get("type");
    if (typeNode == null || !typeNode.isString()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, "type is missing.");
    }
    String type = typeNode.stringValue();
    JsonNode p = root.get("payload");
    if (!isKnown(type)) {
      throw new ProtocolException(id, UNKNOWN_MESSAGE_TYPE, "Unknown message type.");
    }
    if (p == null || !p.isObject()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, "payload must be an object.");
    }
    if (TableMessages.TYPES.contains(type)) {
      return TableMessages.parse(id, type, p);
    }
    return switch (type) {
      case "session.open" ->
          new OpenSession(
              id,
              matching(id, requiredString(id, p, "gameId"), GAME_ID, "gameId"),
              optional(id, p, "version", VERSION),
              optional(id, p, "clientSeed", CLIENT_SEED));
      case "session.close" -> new CloseSession(id, sessionId(id, p));
      case "session.seed" ->
          new ChooseClientSeed(
              id,
              sessionId(id, p),
              matching(id, requiredString(id, p, "clientSeed"), CLIENT_SEED, "clientSeed"));
      case "bet.place" -> placeBet(id, p);
      case "session.state" -> new SessionState(id, sessionId(id, p));
      case "balance.get" -> new GetBalance(id, currency(id, p, false));
      case "subscribe" -> new Subscribe(id, topic(id, p));
      case "unsubscribe" -> new Unsubscribe(id, topic(id, p));
      case "chat.send" -> new SendChat(id, requiredString(id, p, "text"));
      case "ping" -> new Ping(id);
      default -> throw new ProtocolException(id, UNKNOWN_MESSAGE_TYPE, "Unknown message type.");
    };
  }

  /** The id of a frame that failed before parsing, if one can be read; for error frames only. */
  @Nullable String idOf(String text) {
    try {
      JsonNode id = json.readTree(text).get("id");
      return id != null && id.isString() && ID.matcher(id.stringValue()).matches()
          ? id.stringValue()
          : null;
    } catch (JacksonException | NullPointerException e) {
      return null;
    }
  }

  private static boolean isKnown(String type) {
    if (TableMessages.TYPES.contains(type)) {
      return true;
    }
    return switch (type) {
      case "session.open",
          "session.close",
          "session.seed",
          "bet.place",
          "session.state",
          "balance.get",
          "subscribe",
          "unsubscribe",
          "chat.send",
          "ping" ->
          true;
      default -> false;
    };
  }

  private static PlaceBet placeBet(String id, JsonNode p) {
    UUID sessionId = sessionId(id, p);
    JsonNode amount = p.get("amount");
    if (amount == null || amount.isNull()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, "amount is missing.");
    }
    if (!amount.isIntegralNumber()
        || !amount.canConvertToLong()
        || amount.longValue() < 0
        || amount.longValue() > MAX_AMOUNT) {
      throw new ProtocolException(
          id, INVALID_WAGER, "amount must be a whole number of minor units, 0 to 2^53-1.");
    }
    String currency = currency(id, p, true);
    int spins = 1;
    JsonNode s = p.get("spins");
    if (s != null && !s.isNull()) {
      if (!s.isIntegralNumber()) {
        throw new ProtocolException(id, MALFORMED_MESSAGE, "spins must be an integer.");
      }
      if (!s.canConvertToInt() || s.intValue() < 1 || s.intValue() > MAX_SPINS) {
        throw new ProtocolException(id, VALIDATION_FAILED, "spins must be 1 to " + MAX_SPINS);
      }
      spins = s.intValue();
    }
    return new PlaceBet(id, sessionId, amount.longValue(), currency, spins);
  }

  private static UUID sessionId(String id, JsonNode p) {
    String text = requiredString(id, p, "sessionId");
    if (!UUID_TEXT.matcher(text).matches()) {
      throw new ProtocolException(id, VALIDATION_FAILED, "sessionId must be a lower-case UUID.");
    }
    return UUID.fromString(text);
  }

  private static String currency(String id, JsonNode p, boolean required) {
    JsonNode c = p.get("currency");
    if (c == null || c.isNull()) {
      if (required) {
        throw new ProtocolException(id, MALFORMED_MESSAGE, "currency is missing.");
      }
      return "COIN";
    }
    if (!c.isString()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, "currency must be a string.");
    }
    if (!CURRENCIES.contains(c.stringValue())) {
      throw new ProtocolException(id, WRONG_CURRENCY, "currency must be COIN or CASH.");
    }
    return c.stringValue();
  }

  private static Topic topic(String id, JsonNode p) {
    String name = requiredString(id, p, "topic");
    return Topic.fromWire(name)
        .orElseThrow(
            () ->
                new ProtocolException(
                    id, VALIDATION_FAILED, "topic must be jackpot, leaderboard or lobby."));
  }

  private static String requiredString(String id, JsonNode p, String field) {
    JsonNode n = p.get(field);
    if (n == null || n.isNull()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, field + " is missing.");
    }
    if (!n.isString()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, field + " must be a string.");
    }
    return n.stringValue();
  }

  private static @Nullable String optional(String id, JsonNode p, String field, Pattern pattern) {
    JsonNode n = p.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isString()) {
      throw new ProtocolException(id, MALFORMED_MESSAGE, field + " must be a string.");
    }
    return matching(id, n.stringValue(), pattern, field);
  }

  private static String matching(String id, String value, Pattern pattern, String field) {
    if (!pattern.matcher(value).matches()) {
      throw new ProtocolException(id, VALIDATION_FAILED, field + " has a bad value.");
    }
    return value;
  }
}
