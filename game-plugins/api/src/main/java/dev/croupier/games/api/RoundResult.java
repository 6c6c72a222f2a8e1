package dev.croupier.games.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to {@link RoundGame#settle}: the round's outcome and what must be posted for it.
 *
 * @param state the new state, with the round closed; pass it to the next {@link RoundGame#placeBet}
 * @param round the round number (the RNG nonce)
 * @param txRef the reference for this round's postings: {@code session-<id>/round-<n>}
 * @param stake the amount staked, in minor units
 * @param totalWin the fixed winnings of the round, features included, in minor units; the
 *     progressive jackpot is not included
 * @param jackpotHit whether the round won the progressive pool, which the workflow then pays out
 * @param postings the movements to make: {@link PostingKind#WIN} when {@code totalWin > 0}
 * @param outcome what the player sees and a verifier recomputes, for example reel stops, line wins
 *     and free spins; only JSON values (String, Boolean, Integer, Long, List, Map), so it
 *     serialises without type information
 */
public record RoundResult(
    SessionState state,
    long round,
    String txRef,
    long stake,
    long totalWin,
    boolean jackpotHit,
    List<Posting> postings,
    Map<String, Object> outcome) {
  public RoundResult {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(txRef, "txRef");
    postings = List.copyOf(postings);
    // Keep the plugin's order, so that the serialised outcome is the same bytes on every run.
    // Fields are immutable and ordered already: copying them would cost a round a third of its
    // time through the contract (bench/README.md, "Slot spins per second").
    outcome =
        outcome instanceof Fields
            ? outcome
            : Collections.unmodifiableMap(new LinkedHashMap<>(outcome));
    if (stake < 0 || totalWin < 0) {
      throw new IllegalArgumentException("stake and totalWin must be >= 0");
    }
  }
}
