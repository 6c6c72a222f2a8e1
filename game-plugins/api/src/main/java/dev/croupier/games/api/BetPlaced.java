package dev.croupier.games.api;

import java.util.List;
import java.util.Objects;

/**
 * The answer to {@link RoundGame#placeBet}: the round is open and its stake must be posted.
 *
 * @param state the new state, with the round open; pass it to {@link RoundGame#settle}
 * @param round the round number, which is also the RNG nonce of its draws
 * @param txRef the reference for this round's postings: {@code session-<id>/round-<n>}
 * @param wager the validated wager
 * @param postings the movements to make before settling: {@link PostingKind#STAKE} and, for games
 *     with a progressive jackpot, {@link PostingKind#JACKPOT_CONTRIBUTION}
 */
public record BetPlaced(
    SessionState state, long round, String txRef, Wager wager, List<Posting> postings) {
  public BetPlaced {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(txRef, "txRef");
    Objects.requireNonNull(wager, "wager");
    postings = List.copyOf(postings);
  }
}
