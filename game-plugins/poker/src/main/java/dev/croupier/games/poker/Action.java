package dev.croupier.games.poker;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/**
 * What a player can ask of the table. Amounts are minor units. Serialised as JSON with a {@code
 * type} property, for example {@code {"type":"raise","to":600}}.
 *
 * <p>Table actions ({@link Sit}, {@link TopUp}, {@link SitOut}, {@link SitIn}, {@link Leave}) are
 * accepted whether or not a hand is running. Hand actions ({@link Fold}, {@link Check}, {@link
 * Call}, {@link Bet}, {@link Raise}, {@link AllIn}) are accepted only from the seat to act.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Action.Sit.class, name = "sit"),
  @JsonSubTypes.Type(value = Action.TopUp.class, name = "topUp"),
  @JsonSubTypes.Type(value = Action.SitOut.class, name = "sitOut"),
  @JsonSubTypes.Type(value = Action.SitIn.class, name = "sitIn"),
  @JsonSubTypes.Type(value = Action.Leave.class, name = "leave"),
  @JsonSubTypes.Type(value = Action.Fold.class, name = "fold"),
  @JsonSubTypes.Type(value = Action.Check.class, name = "check"),
  @JsonSubTypes.Type(value = Action.Call.class, name = "call"),
  @JsonSubTypes.Type(value = Action.Bet.class, name = "bet"),
  @JsonSubTypes.Type(value = Action.Raise.class, name = "raise"),
  @JsonSubTypes.Type(value = Action.AllIn.class, name = "allIn")
})
public sealed interface Action {

  /** Whether this is a betting action, taken in turn during a hand. */
  default boolean inHand() {
    return false;
  }

  /**
   * Takes an empty seat with chips from the player's wallet. The seat is dealt in from the next
   * hand.
   *
   * @param playerId the player sitting down; must equal the caller
   * @param buyIn the stack, within the table's minimum and maximum buy-in
   */
  record Sit(String playerId, long buyIn) implements Action {
    public Sit {
      Objects.requireNonNull(playerId, "playerId");
    }
  }

  /**
   * Adds chips between hands, up to the maximum buy-in.
   *
   * @param amount chips added, above zero
   */
  record TopUp(long amount) implements Action {}

  /** Stops being dealt in from the next hand; the current hand, if any, is played out. */
  record SitOut() implements Action {}

  /** Is dealt in again from the next hand. */
  record SitIn() implements Action {}

  /**
   * Leaves the table. A player still in the hand folds at once (out of turn if need be), unless
   * all-in, in which case the hand is played out; the stack is cashed out as soon as it is no
   * longer at risk.
   */
  record Leave() implements Action {}

  /** Gives up the hand. */
  record Fold() implements Action {
    @Override
    public boolean inHand() {
      return true;
    }
  }

  /** Passes when nothing is owed. */
  record Check() implements Action {
    @Override
    public boolean inHand() {
      return true;
    }
  }

  /** Matches the street's bet level, or puts in the whole stack if that is less. */
  record Call() implements Action {
    @Override
    public boolean inHand() {
      return true;
    }
  }

  /**
   * Opens the betting on a street where nobody has bet.
   *
   * @param amount the bet, at least the big blind unless it is the whole stack
   */
  record Bet(long amount) implements Action {
    @Override
    public boolean inHand() {
      return true;
    }
  }

  /**
   * Raises the street's bet level.
   *
   * @param to the player's total bet on this street after the raise (raise-to, not raise-by): at
   *     least the level plus the last full raise, unless it is the whole stack
   */
  record Raise(long to) implements Action {
    @Override
    public boolean inHand() {
      return true;
    }
  }

  /** Puts in the whole stack: a call, a bet or a raise, whichever it amounts to. */
  record AllIn() implements Action {
    @Override
    public boolean inHand() {
      return true;
    }
  }
}
