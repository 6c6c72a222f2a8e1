package dev.croupier.games.poker;

import java.util.List;

/**
 * A seat's part in the hand being played.
 *
 * @param seat the seat
 * @param playerId the player, as when the hand started
 * @param holeCards the two hole cards; private to the player until a showdown
 * @param streetBet chips put in on the current street, blinds included
 * @param totalBet chips put in during the whole hand
 * @param folded whether the player folded (or left)
 * @param allIn whether the player has no chips behind
 * @param acted whether the player has acted on this street; posting a blind is not acting
 * @param actedAtBet the street's bet level just after the player's last action; a player who has
 *     acted may raise again only if the level has since grown by at least a full raise
 */
public record HandPlayer(
    int seat,
    String playerId,
    List<String> holeCards,
    long streetBet,
    long totalBet,
    boolean folded,
    boolean allIn,
    boolean acted,
    long actedAtBet) {

  public HandPlayer {
    holeCards = List.copyOf(holeCards);
  }
}
