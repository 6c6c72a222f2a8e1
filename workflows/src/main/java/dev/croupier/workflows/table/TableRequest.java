package dev.croupier.workflows.table;

import dev.croupier.games.api.table.TableMove;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A player's request to a table. {@code requestId} is the idempotency key (the WebSocket message
 * id); {@code playerId} is the authenticated caller (a user id), never taken from the client's
 * payload.
 */
public sealed interface TableRequest {
  String requestId();

  String playerId();

  int seat();

  /**
   * The payload without the request id, as text: the client derives the request's Temporal update
   * id from it, so that the same request id with another payload is a new update, which the
   * workflow refuses with {@code DUPLICATE_REQUEST}.
   */
  String fingerprint();

  /**
   * Sit down at {@code seat} with {@code buyIn} chips from the player's wallet.
   *
   * @param requestId idempotency key
   * @param playerId the caller
   * @param seat the seat, from 0
   * @param buyIn chips brought to the table, within the table's minimum and maximum buy-in
   */
  record Sit(String requestId, String playerId, int seat, long buyIn) implements TableRequest {
    public Sit {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(playerId, "playerId");
    }

    @Override
    public String fingerprint() {
      return "sit|" + playerId + "|" + seat + "|" + buyIn;
    }

    TableMove move() {
      return TableMove.sit(playerId, buyIn);
    }
  }

  /**
   * A move of the game (for poker: fold, check, call, bet, raise, all-in) by the seat to act.
   *
   * @param action the move as JSON values, {@code {"type": …, …arguments}}; the game reads it
   */
  record Act(String requestId, String playerId, int seat, Map<String, Object> action)
      implements TableRequest {
    public Act {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(playerId, "playerId");
      action = action == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(action));
    }

    @Override
    public String fingerprint() {
      return "act|" + playerId + "|" + seat + "|" + new TreeMap<>(action);
    }
  }

  /**
   * Sit out ({@code SIT_OUT}), sit back in ({@code SIT_IN}), or leave the table ({@code LEAVE}).
   */
  record Change(String requestId, String playerId, int seat, SeatChange change)
      implements TableRequest {
    public Change {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(playerId, "playerId");
      Objects.requireNonNull(change, "change");
    }

    @Override
    public String fingerprint() {
      return change + "|" + playerId + "|" + seat;
    }

    TableMove move() {
      return TableMove.of(
          switch (change) {
            case SIT_OUT -> TableMove.SIT_OUT;
            case SIT_IN -> TableMove.SIT_IN;
            case LEAVE -> TableMove.LEAVE;
          });
    }
  }

  /** What a {@link Change} request changes. */
  enum SeatChange {
    SIT_OUT,
    SIT_IN,
    LEAVE
  }
}
