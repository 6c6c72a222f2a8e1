package dev.croupier.workflows.session;

import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.SessionState;
import dev.croupier.games.api.Wager;
import java.util.Map;

/**
 * One round to play: the state before the bet, the wager and the round's committed seed.
 *
 * @param before the session state with no round open
 * @param wager the stake
 * @param seed the round's seed, with nonce {@code before.round() + 1}
 * @param meta request metadata the plugin may record; never changes the outcome
 * @param contentHash the content hash of the version the session started on, which the installed
 *     plugin must still have; null for sessions recorded before versions were pinned
 */
public record PlayRound(
    SessionState before,
    Wager wager,
    RoundSeed seed,
    Map<String, Object> meta,
    String contentHash) {
  public PlayRound {
    meta = meta == null ? Map.of() : Map.copyOf(meta);
  }
}
