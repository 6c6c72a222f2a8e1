package dev.croupier.games.api;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.table.RoundEvidence;
import dev.croupier.games.api.table.SeatFacts;
import dev.croupier.games.api.table.Settlement;
import dev.croupier.games.api.table.SharedEvent;
import dev.croupier.games.api.table.TableFacts;
import dev.croupier.games.api.table.TableMove;
import dev.croupier.games.api.table.TableStep;
import dev.croupier.games.api.table.TableTerms;
import java.util.Map;
import java.util.Optional;

/**
 * One version of a table game ({@link GameKind#TABLE}: poker, and later blackjack or baccarat
 * tables): several seats share one long-running table, take turns, and play rounds dealt from the
 * table's committed seed. The table workflow keeps the state and drives the engine through this
 * contract; it knows seats, stacks, turns and the action clock, never the game's rules.
 *
 * <p><b>Contract.</b>
 *
 * <ul>
 *   <li><b>Pure and deterministic.</b> Every method is a function of its arguments only: no clock,
 *       no randomness (a round's cards come from its {@link RoundSeed}), no I/O, no shared mutable
 *       state, and inputs are never modified. The same arguments give equal results on any JVM. The
 *       table workflow calls these methods from workflow code and replays them, which is why a
 *       table pins the version and {@linkplain GameDescriptor#contentHash() content hash} it opened
 *       with and stops, rather than deal with another engine, if the installed one differs.
 *   <li><b>Secret-preserving.</b> The state holds the deck and every private card, so it never
 *       leaves the worker: the workflow shows {@link #view}s, publishes {@link SharedEvent}s, and
 *       seals {@link dev.croupier.games.api.table.PrivateDeal}s for compliance.
 *   <li><b>Chip conservation.</b> At every step {@code sum(stacks) + chips committed to the running
 *       round + totalRake == totalBuyIns - totalCashOuts} ({@link #checkInvariants}); the workflow
 *       also checks {@link TableFacts#chipsInPlay()} against the table's escrow after every step.
 *   <li><b>Moves no money.</b> A step lists its {@link Settlement}s (rake, cash-outs); the workflow
 *       posts them, and posts buy-ins before the step that seats a player.
 *   <li><b>Serialisable.</b> The state crosses continue-as-new as JSON values ({@link #save} and
 *       {@link #restore}); configurations, moves, events and views are JSON values too, so the
 *       platform carries them without knowing their types.
 *   <li><b>Errors</b> are {@link CroupierException}s with a code from {@link ErrorCode}: a rejected
 *       move changes nothing. Any other exception is a bug.
 * </ul>
 *
 * @param <S> the game's immutable state type
 */
public non-sealed interface TableGame<S> extends GamePlugin {

  /**
   * Reads and checks a table's configuration.
   *
   * @param config the game's own settings as JSON values, for example blinds and rake for poker
   * @return what the platform needs of it: currency, seats, buy-in limits and the lobby's label
   * @throws CroupierException {@link ErrorCode#VALIDATION_FAILED} when the settings make no table
   */
  TableTerms terms(Map<String, Object> config);

  /**
   * An empty table.
   *
   * @throws CroupierException as {@link #terms}
   */
  S newTable(Map<String, Object> config);

  /** The state as JSON values, for continue-as-new; {@link #restore} reads it back equal. */
  Map<String, Object> save(S state);

  /**
   * The state {@link #save} wrote, also from earlier builds of this same version.
   *
   * @throws CroupierException {@link ErrorCode#INVALID_STATE} when it cannot be read
   */
  S restore(Map<String, Object> saved);

  /** What the platform reads off the state: seats, stacks, the round, whose turn it is, totals. */
  TableFacts facts(S state);

  /**
   * Checks a move without changing anything: the workflow's Update validator. The seat moves
   * ({@link TableMove#SEAT_MOVES}) are checked too: {@code SEAT_TAKEN}, {@code ALREADY_SEATED} and
   * {@code BUY_IN_OUT_OF_RANGE} for a bad sit, {@code NOT_YOUR_SEAT} for a seat the caller does not
   * hold.
   *
   * @param seat the seat the move is for
   * @param playerId the authenticated caller
   * @throws CroupierException with the move's code: {@code VALIDATION_FAILED} for a seat outside
   *     the table or a move the game does not know, {@code MALFORMED_MESSAGE} for a missing
   *     argument, {@code ILLEGAL_ACTION}, {@code NOT_YOUR_TURN}, {@code INVALID_AMOUNT} and the
   *     game's own codes for a move the state does not allow
   */
  void validate(S state, int seat, String playerId, TableMove move);

  /**
   * {@link #validate}, then the move. A move that ends a stage deals the next one, and one that
   * ends the round settles it, all within this call.
   *
   * @throws CroupierException exactly as {@link #validate}
   */
  TableStep<S> apply(S state, int seat, String playerId, TableMove move);

  /**
   * The canonical text of a move, for request deduplication: two moves that the game treats alike
   * have equal texts, and the text of a version's move never changes.
   *
   * @throws CroupierException as {@link #validate} for a move the game cannot read
   */
  String describe(TableMove move);

  /** Whether {@link #startRound} would deal: no round is running and enough seats can play. */
  boolean canStartRound(S state);

  /**
   * Starts the next round from its seed.
   *
   * @param seed the table's seeds with {@code nonce == facts(state).round() + 1}
   * @return the state with the round running, its events and one private deal per seat dealt in
   * @throws CroupierException {@link ErrorCode#ILLEGAL_ACTION} when a round is running, too few
   *     seats can play, or the nonce is not the next round (so the server cannot pick among decks)
   */
  TableStep<S> startRound(S state, RoundSeed seed);

  /**
   * What the action clock does when the seat to act runs out of time (for poker: check if it may,
   * else fold), with one more consecutive timeout for the seat.
   *
   * @throws CroupierException {@link ErrorCode#ILLEGAL_ACTION} when nobody is to act
   */
  TableStep<S> applyTimeout(S state);

  /**
   * Asserts the game's invariants, chip conservation first.
   *
   * @throws IllegalStateException naming the first that does not hold
   */
  void checkInvariants(S state);

  /**
   * The table as one seat, or a spectator ({@code viewerSeat == -1}), may see it: the game's own
   * part, as JSON values, beside the {@link SeatFacts} the platform shows. Only the viewer's own
   * private cards, and cards shown to everyone; players named by seat, never by id.
   *
   * @throws CroupierException {@link ErrorCode#VALIDATION_FAILED} for a seat outside the table
   */
  Map<String, Object> view(S state, int viewerSeat);

  /**
   * Rebuilds one round from the platform's records alone, for compliance: what was dealt, played
   * and paid, with the game's cross-checks of the records against each other (the deck against its
   * commitment, the round's end against the ledger, the moves against the history). It never needs
   * the engine that played the round. Pure, like every method here; a check that fails is named in
   * the answer, never thrown.
   *
   * @return the recall as JSON values, which must hold a boolean {@code consistent} (whether every
   *     check that could run passed); empty when the game offers no recall
   * @throws CroupierException {@link ErrorCode#UNKNOWN_HAND} when the events hold no start of the
   *     round
   */
  default Optional<Map<String, Object>> recall(RoundEvidence evidence) {
    return Optional.empty();
  }
}
