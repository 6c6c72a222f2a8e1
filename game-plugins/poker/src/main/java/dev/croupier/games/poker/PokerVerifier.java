package dev.croupier.games.poker;

import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.rng.Verifier;
import java.util.List;
import java.util.Objects;

/**
 * Checks a poker hand after the table's server seed is revealed. A hand's cards are a pure function
 * of the seeds, the hand number and the deal order (see {@link PokerDeal}), so the verifier
 * recomputes every card dealt and compares it with what the player saw: their own hole cards, the
 * board, and the hands shown at the showdown.
 */
public final class PokerVerifier {
  private PokerVerifier() {}

  /**
   * Verifies a hand.
   *
   * @param claim the hand as the player saw it
   * @return whether the seed matches the commitment and every claimed card is the recomputed one
   */
  public static Verification verify(HandClaim claim) {
    Objects.requireNonNull(claim, "claim");
    boolean committed;
    try {
      committed = Verifier.commitmentMatches(claim.seed().serverSeed(), claim.commitment());
    } catch (IllegalArgumentException e) {
      committed = false;
    }
    PokerDeal.Deal deal = PokerDeal.deal(claim.seed(), claim.dealOrder());
    boolean same = claim.board().equals(deal.board().subList(0, claim.board().size()));
    for (HoleCardsDealt seen : claim.holeCards()) {
      same &= seen.cards().equals(deal.holeCards(seen.seat()));
    }
    return new Verification(committed, same, deal);
  }

  /**
   * A hand as a player saw it.
   *
   * @param commitment the commitment published before the hand
   * @param seed the revealed server seed, the table's client seed, and the hand number as nonce
   * @param dealOrder the seats dealt in, first left of the button, button last
   * @param holeCards the hole cards the player knows: their own and those shown at the showdown
   * @param board the board cards dealt, 0 to 5
   */
  public record HandClaim(
      String commitment,
      RoundSeed seed,
      List<Integer> dealOrder,
      List<HoleCardsDealt> holeCards,
      List<String> board) {
    public HandClaim {
      Objects.requireNonNull(commitment, "commitment");
      Objects.requireNonNull(seed, "seed");
      dealOrder = List.copyOf(dealOrder);
      holeCards = List.copyOf(holeCards);
      board = List.copyOf(board);
      if (board.size() > 5) {
        throw new IllegalArgumentException("a board has at most 5 cards");
      }
    }
  }

  /**
   * The verdict.
   *
   * @param commitmentValid whether SHA-256 of the revealed seed is the commitment
   * @param cardsMatch whether every claimed card is the recomputed one
   * @param deal every card of the hand, recomputed
   */
  public record Verification(boolean commitmentValid, boolean cardsMatch, PokerDeal.Deal deal) {
    /** Both checks passed. */
    public boolean valid() {
      return commitmentValid && cardsMatch;
    }
  }
}
