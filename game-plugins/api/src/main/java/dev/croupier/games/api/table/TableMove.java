package dev.croupier.games.api.table;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A request to a table game: a type and its arguments, as JSON values, for example {@code
 * {"type":"raise","amount":600}}. The platform passes game moves through without reading them; the
 * game parses them and refuses what it does not know.
 *
 * <p>Every table game also accepts the <b>seat moves</b>, which the platform itself sends and whose
 * money it moves: {@value #SIT} ({@code playerId}, {@code buyIn}), {@value #TOP_UP} ({@code
 * amount}), {@value #SIT_OUT}, {@value #SIT_IN} and {@value #LEAVE}.
 *
 * @param type the move's name
 * @param args the move's arguments, JSON values; never {@code type}
 */
public record TableMove(String type, Map<String, Object> args) {
  public static final String SIT = "sit";
  public static final String TOP_UP = "topUp";
  public static final String SIT_OUT = "sitOut";
  public static final String SIT_IN = "sitIn";
  public static final String LEAVE = "leave";

  /**
   * The seat moves, which a player sends through the table's seat requests, never as a game move.
   */
  public static final Set<String> SEAT_MOVES = Set.of(SIT, TOP_UP, SIT_OUT, SIT_IN, LEAVE);

  public TableMove {
    Objects.requireNonNull(type, "type");
    Map<String, Object> copy = new LinkedHashMap<>(args == null ? Map.of() : args);
    copy.remove("type");
    args = Collections.unmodifiableMap(copy);
  }

  /** Takes a seat with {@code buyIn} chips. */
  public static TableMove sit(String playerId, long buyIn) {
    return new TableMove(SIT, Map.of("playerId", playerId, "buyIn", buyIn));
  }

  /** A move with no arguments, for example {@link #LEAVE}. */
  public static TableMove of(String type) {
    return new TableMove(type, Map.of());
  }

  /**
   * Reads a move from its JSON form, {@code {"type": …, …arguments}}.
   *
   * @throws CroupierException {@link ErrorCode#MALFORMED_MESSAGE} when there is no string type
   */
  public static TableMove fromJson(Map<String, Object> json) {
    if (json == null || !(json.get("type") instanceof String type) || type.isBlank()) {
      throw new CroupierException(ErrorCode.MALFORMED_MESSAGE, "a move needs a string type");
    }
    return new TableMove(type, json);
  }

  /** The JSON form, {@code {"type": …, …arguments}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", type);
    json.putAll(args);
    return json;
  }

  /** Whether this is one of the {@link #SEAT_MOVES}. */
  public boolean isSeatMove() {
    return SEAT_MOVES.contains(type);
  }

  /**
   * A whole-number argument in minor units.
   *
   * @throws CroupierException {@link ErrorCode#MALFORMED_MESSAGE} when it is missing, {@link
   *     ErrorCode#INVALID_AMOUNT} when it is not a whole number
   */
  public long amount(String name) {
    Object value = args.get(name);
    if (value == null) {
      throw new CroupierException(ErrorCode.MALFORMED_MESSAGE, type + " needs " + name);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof String s && s.matches("-?\\d{1,18}")) {
      return Long.parseLong(s);
    }
    throw new CroupierException(
        ErrorCode.INVALID_AMOUNT, name + " must be a whole number of minor units: " + value);
  }

  /**
   * A text argument.
   *
   * @throws CroupierException {@link ErrorCode#MALFORMED_MESSAGE} when it is missing or not text
   */
  public String text(String name) {
    if (args.get(name) instanceof String s) {
      return s;
    }
    throw new CroupierException(ErrorCode.MALFORMED_MESSAGE, type + " needs the text " + name);
  }
}
