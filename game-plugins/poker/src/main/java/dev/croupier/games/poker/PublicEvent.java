package dev.croupier.games.poker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What happened at a table, as everyone may see it: the events the table workflow publishes to
 * {@code table.events}. None carries a hole card that was not shown at a showdown; private deals
 * are {@link HoleCardsDealt}, a separate type. Serialised with a {@code type} property.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PublicEvent.PlayerSat.class, name = "playerSat"),
  @JsonSubTypes.Type(value = PublicEvent.PlayerToppedUp.class, name = "playerToppedUp"),
  @JsonSubTypes.Type(value = PublicEvent.PlayerSatOut.class, name = "playerSatOut"),
  @JsonSubTypes.Type(value = PublicEvent.PlayerSatIn.class, name = "playerSatIn"),
  @JsonSubTypes.Type(value = PublicEvent.PlayerLeft.class, name = "playerLeft"),
  @JsonSubTypes.Type(value = PublicEvent.HandStarted.class, name = "handStarted"),
  @JsonSubTypes.Type(value = PublicEvent.BlindPosted.class, name = "blindPosted"),
  @JsonSubTypes.Type(value = PublicEvent.ActionTaken.class, name = "actionTaken"),
  @JsonSubTypes.Type(value = PublicEvent.ActionRequired.class, name = "actionRequired"),
  @JsonSubTypes.Type(value = PublicEvent.BoardDealt.class, name = "boardDealt"),
  @JsonSubTypes.Type(value = PublicEvent.UncalledBetReturned.class, name = "uncalledBetReturned"),
  @JsonSubTypes.Type(value = PublicEvent.CardsShown.class, name = "cardsShown"),
  @JsonSubTypes.Type(value = PublicEvent.PotAwarded.class, name = "potAwarded"),
  @JsonSubTypes.Type(value = PublicEvent.HandEnded.class, name = "handEnded")
})
public sealed interface PublicEvent {

  /** A player took a seat with {@code buyIn} chips. */
  record PlayerSat(int seat, String playerId, long buyIn) implements PublicEvent {}

  /** A player added {@code amount} chips between hands; {@code stack} is the new stack. */
  record PlayerToppedUp(int seat, long amount, long stack) implements PublicEvent {}

  /** A seat stops being dealt in; {@code timeouts} is its count of consecutive timeouts. */
  record PlayerSatOut(int seat, int timeouts) implements PublicEvent {}

  /** A seat is dealt in again from the next hand. */
  record PlayerSatIn(int seat) implements PublicEvent {}

  /** A player left and took {@code cashOut} chips back to the wallet. */
  record PlayerLeft(int seat, String playerId, long cashOut) implements PublicEvent {}

  /**
   * A hand began: the button and blinds, and the stacks of the seats dealt in (before the blinds).
   */
  record HandStarted(
      long handNumber,
      int button,
      int smallBlindSeat,
      int bigBlindSeat,
      List<HandResult.Chips> stacks)
      implements PublicEvent {
    public HandStarted {
      stacks = List.copyOf(stacks);
    }
  }

  /** A blind was posted; {@code allIn} when it took the whole stack. */
  record BlindPosted(long handNumber, int seat, boolean big, long amount, boolean allIn)
      implements PublicEvent {}

  /**
   * A seat acted. {@code added} is the chips it put in with this action, {@code streetBet} its
   * street total after it, {@code stack} what it has behind; {@code timedOut} when the action clock
   * acted for it.
   */
  record ActionTaken(
      long handNumber,
      int seat,
      ActionKind kind,
      long added,
      long streetBet,
      long stack,
      boolean allIn,
      boolean timedOut)
      implements PublicEvent {}

  /** It is {@code legal.seat()}'s turn; the workflow starts the action clock. */
  record ActionRequired(long handNumber, LegalActions legal) implements PublicEvent {}

  /** Community cards: {@code cards} are new, {@code board} is every card so far. */
  record BoardDealt(long handNumber, Street street, List<String> cards, List<String> board)
      implements PublicEvent {
    public BoardDealt {
      cards = List.copyOf(cards);
      board = List.copyOf(board);
    }
  }

  /** Chips nobody could call went back to the seat that bet them. */
  record UncalledBetReturned(long handNumber, int seat, long amount) implements PublicEvent {}

  /** A hand shown at the showdown. */
  record CardsShown(long handNumber, int seat, List<String> cards, HandCategory category, int value)
      implements PublicEvent {
    public CardsShown {
      cards = List.copyOf(cards);
    }
  }

  /** A pot was settled: the amount, the rake taken from it, and what each winner got. */
  record PotAwarded(long handNumber, HandResult.Pot pot) implements PublicEvent {}

  /** The hand is over; {@code stacks} are every seated player's stack after it. */
  record HandEnded(long handNumber, boolean showdown, long rake, List<HandResult.Chips> stacks)
      implements PublicEvent {
    public HandEnded {
      stacks = List.copyOf(stacks);
    }
  }

  /** How a seat acted. */
  enum ActionKind {
    FOLD,
    CHECK,
    CALL,
    BET,
    RAISE
  }
}
