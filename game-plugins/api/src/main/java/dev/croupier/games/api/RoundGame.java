package dev.croupier.games.api;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import java.util.Map;
import java.util.UUID;

/**
 * One version of a round game ({@link GameKind#SINGLE_PLAYER_ROUND}: slots, and later dice or
 * roulette): one stake, one outcome. This is the roadmap's adaptor contract, {@code initSession},
 * {@code placeBet} and {@code settle}, reshaped so that a Temporal workflow can call it as a local
 * activity and replay it:
 *
 * <ul>
 *   <li><b>Pure.</b> Every method is a function of its arguments only: the session state the
 *       workflow keeps, the wager, and the committed seed of the round. A plugin holds no mutable
 *       state, and never reads the clock, a {@code Random}, the environment, files or the network.
 *       It is thread-safe.
 *   <li><b>Deterministic.</b> The same arguments always give equal results, across calls,
 *       instances, JVMs and machines. This is what lets a verifier recompute any round from its
 *       seeds.
 *   <li><b>Idempotent.</b> A call has no side effect, so a retried call (after a worker crash, or a
 *       workflow reset) returns the same answer and is safe. The workflow makes postings
 *       exactly-once with the idempotency keys derived from {@link SessionState#txRef(long)}.
 *   <li><b>Moves no money.</b> Results list the {@link Posting}s the workflow must make. The plugin
 *       never calls the wallet.
 *   <li><b>Serialisable.</b> Every argument and result is a plain record that Jackson reads and
 *       writes without type information.
 *   <li><b>Errors</b> are {@link CroupierException}s carrying a code from {@link ErrorCode}: a bad
 *       wager, an illegal action or a foreign state is a business failure that must not be retried.
 *       Any other exception is a bug.
 * </ul>
 *
 * <p>Where the roadmap passes a session id, these methods take the {@link SessionState} itself,
 * because a plugin keeps nothing between calls; and where it passes an outcome to {@code settle},
 * this contract passes the round's {@link RoundSeed}, because the plugin computes the outcome from
 * the committed draws and the workflow cannot know it in advance.
 *
 * <p>Implementations are found by {@link GameRegistry} through a {@link GamePluginProvider}
 * service, so adding a game means adding a jar.
 */
public non-sealed interface RoundGame extends GamePlugin {

  /**
   * Opens a session on this game version.
   *
   * <p>Deterministic: the same arguments give an equal result. The session id comes in, rather than
   * being made here, because it is the caller's stable business key (a UUIDv7 from the gateway) and
   * a plugin may not generate randomness. The provably fair commitment belongs to the session, not
   * the game: the workflow creates it with {@code dev.croupier.games.rng.ServerSeed} before the
   * first round.
   *
   * @param sessionId the new session's id
   * @param userId the player
   * @param game the game and version the session will play to its end
   * @param opts game options chosen by the player; a plugin ignores the keys it does not know
   * @return the initial state (round 0, nothing open) and the descriptor of the pinned version
   * @throws CroupierException {@link ErrorCode#UNKNOWN_GAME} if {@code game} names another game,
   *     {@link ErrorCode#UNKNOWN_GAME_VERSION} if it names another version of this game, {@link
   *     ErrorCode#VALIDATION_FAILED} if an option this game knows has a bad value
   */
  SessionStarted initSession(UUID sessionId, UUID userId, GameRef game, Map<String, Object> opts);

  /**
   * Validates a wager and opens the next round. The stake is not yet posted: the workflow posts the
   * returned postings, then calls {@link #settle}. If the stake cannot be posted (for example
   * {@link ErrorCode#INSUFFICIENT_FUNDS}), the workflow keeps its previous state and the round
   * never happened.
   *
   * <p>Deterministic and idempotent: the same state and wager give an equal result, so a retry
   * cannot open two rounds.
   *
   * @param state the session state from {@link #initSession} or the last {@link #settle}
   * @param wager the stake; build it from client input with {@link Wager#parse(Object, String)}
   * @param meta request metadata the game may record (device, client request id); it never changes
   *     the outcome
   * @return the state with round {@code state.round() + 1} open, its {@code txRef}, and the
   *     postings to make: the stake and, if the game has one, the jackpot contribution
   * @throws CroupierException {@link ErrorCode#WRONG_CURRENCY}, {@link ErrorCode#INVALID_WAGER},
   *     {@link ErrorCode#BET_BELOW_MINIMUM}, {@link ErrorCode#BET_ABOVE_MAXIMUM} for a bad wager
   *     (checked in that order, see {@link GameDescriptor#validate(Wager)}); {@link
   *     ErrorCode#ROUND_IN_PROGRESS} if a round is already open; {@link ErrorCode#UNKNOWN_GAME} or
   *     {@link ErrorCode#UNKNOWN_GAME_VERSION} if the state belongs to another game or version;
   *     {@link ErrorCode#INVALID_STATE} if the plugin cannot read {@link SessionState#gameState()}
   */
  BetPlaced placeBet(SessionState state, Wager wager, Map<String, Object> meta);

  /**
   * Plays the open round with the draws of its seed and closes it.
   *
   * <p>Deterministic: the outcome is a function of the state and of {@code HMAC-SHA256(serverSeed,
   * clientSeed:nonce:cursor)} only, so the same arguments give an equal result, and a verifier that
   * is given the revealed server seed recomputes it. Idempotent: a retry returns the same outcome
   * and the same postings.
   *
   * @param state the state returned by {@link #placeBet}
   * @param seed the session's seeds, with {@code nonce} equal to the open round's number
   * @return the closed state, the outcome, whether the jackpot was hit, and the postings to make
   *     (the win, if any)
   * @throws CroupierException {@link ErrorCode#ILLEGAL_ACTION} if no round is open or the nonce is
   *     not the open round's number; {@link ErrorCode#UNKNOWN_GAME}, {@link
   *     ErrorCode#UNKNOWN_GAME_VERSION} or {@link ErrorCode#INVALID_STATE} as for {@link #placeBet}
   */
  RoundResult settle(SessionState state, RoundSeed seed);
}
