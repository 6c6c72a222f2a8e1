package dev.croupier.workflows.table;

import dev.croupier.games.poker.Action;
import java.util.Objects;

/**
 * A player's request to a table. {@code requestId} is the idempotency key (the WebSocket message
 * id); {@code playerId} is the authenticated caller (a user id), never taken from the client's
 * payload.
 */
public sealed interface TableRequest {
  String requestId();

  String playerId();

  int seat();

  /** The payload without the request id: the same id with another fingerprint is refused. */
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
  }

  /**
   * A betting action (fold, check, call, bet, raise, all-in) by the seat to act.
   *
   * @param action a hand action ({@link Action#inHand()})
   */
  record Act(String requestId, String playerId, int seat, Action action) implements TableRequest {
    public Act {
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(playerId, "playerId");
    }

    @Override
    public String fingerprint() {
      return "act|" + playerId + "|" + seat + "|" + action;
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

    Action action() {
      return switch (change) {
        case SIT_OUT -> new Action.SitOut();
        case SIT_IN -> new Action.SitIn();
        case LEAVE -> new Action.Leave();
      };
    }
  }

  /** What a {@link Change} request changes. */
  enum SeatChange {
    SIT_OUT,
    SIT_IN,
    LEAVE
  }
}
