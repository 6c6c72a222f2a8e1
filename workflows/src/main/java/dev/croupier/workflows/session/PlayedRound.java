package dev.croupier.workflows.session;

import dev.croupier.games.api.Posting;
import dev.croupier.games.api.PostingKind;
import dev.croupier.games.api.RoundResult;
import java.util.List;

/**
 * A played round: what {@code placeBet} asked to post (stake, jackpot contribution) and the settled
 * result (outcome, win).
 *
 * @param betPostings the postings of {@code placeBet}
 * @param result the result of {@code settle}
 */
public record PlayedRound(List<Posting> betPostings, RoundResult result) {
  public PlayedRound {
    betPostings = List.copyOf(betPostings);
  }

  /** The sum of one kind over both steps' postings. */
  public long total(PostingKind kind) {
    long sum = 0;
    for (Posting p : betPostings) {
      if (p.kind() == kind) {
        sum += p.amount();
      }
    }
    for (Posting p : result.postings()) {
      if (p.kind() == kind) {
        sum += p.amount();
      }
    }
    return sum;
  }
}
