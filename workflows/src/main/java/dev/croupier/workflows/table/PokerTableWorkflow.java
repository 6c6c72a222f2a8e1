package dev.croupier.workflows.table;

import dev.croupier.games.poker.TableView;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One No-Limit Hold'em table as a long-running workflow with id {@code table-<tableId>}; its
 * history is the table's event log. Use it through {@link PokerTables}, which maps failures to
 * error codes.
 *
 * <p>Every player request is an Update with a validator that runs the engine's checks against the
 * current state: an action out of turn, an illegal amount or a request for another player's seat is
 * rejected before it reaches the history. Every request is idempotent by its request id (kept
 * across continue-as-new): the same id again returns the first answer, the same id with another
 * payload fails with {@code DUPLICATE_REQUEST}. Business failures reach the caller as an {@link
 * io.temporal.failure.ApplicationFailure} whose type (and message prefix) is an {@link
 * dev.croupier.errors.ErrorCode} name.
 */
@WorkflowInterface
public interface PokerTableWorkflow {

  /**
   * Opens the table (escrow account, seed epoch) and deals hands while two or more seats play,
   * continuing as new between hands every {@link TableOptions#handsPerRun()} hands. Returns when
   * the table has been closed and every seat cashed out.
   */
  @WorkflowMethod
  TableStatus run(TableStart start);

  /**
   * Takes a seat: posts the buy-in from the player's account to the escrow (key {@code
   * table-<id>/seat-<n>/buyin-<k>}), then seats the player, who is dealt in from the next hand.
   *
   * @throws io.temporal.failure.ApplicationFailure {@code INSUFFICIENT_FUNDS} (nothing posted, the
   *     seat stays free), {@code UNAVAILABLE}
   */
  @UpdateMethod
  TableAck sit(TableRequest.Sit request);

  /**
   * Rejects {@code SEAT_TAKEN}, {@code ALREADY_SEATED}, {@code BUY_IN_OUT_OF_RANGE}, {@code
   * VALIDATION_FAILED} (no such seat), {@code TABLE_CLOSED}, {@code DUPLICATE_REQUEST}.
   */
  @UpdateValidatorMethod(updateName = "sit")
  void validateSit(TableRequest.Sit request);

  /** Fold, check, call, bet, raise or all-in for the seat to act. */
  @UpdateMethod
  TableAck act(TableRequest.Act request);

  /**
   * Rejects {@code NOT_YOUR_SEAT}, {@code NOT_YOUR_TURN}, {@code ILLEGAL_ACTION}, {@code
   * INVALID_AMOUNT}, {@code AMOUNT_ABOVE_STACK}, {@code RAISE_TOO_SMALL}, {@code
   * DUPLICATE_REQUEST}.
   */
  @UpdateValidatorMethod(updateName = "act")
  void validateAct(TableRequest.Act request);

  /**
   * Sits out, sits back in, or leaves. Leaving folds a live hand at once (an all-in hand is played
   * out) and cashes the stack out to the player's account (key {@code
   * table-<id>/seat-<n>/cashout-<k>}) as soon as it is no longer at risk.
   */
  @UpdateMethod
  TableAck change(TableRequest.Change request);

  /** Rejects {@code NOT_YOUR_SEAT}, {@code ILLEGAL_ACTION}, {@code DUPLICATE_REQUEST}. */
  @UpdateValidatorMethod(updateName = "change")
  void validateChange(TableRequest.Change request);

  /**
   * Closes the table: no new hand is dealt, the running hand is played out, then every seat leaves
   * and is cashed out and the workflow completes. Idempotent.
   */
  @UpdateMethod
  TableStatus close();

  /**
   * The table as {@code playerId} sees it: their own hole cards only; a spectator's view (no hole
   * cards) for a player without a seat or a null id. Cards shown at a showdown are in {@code
   * lastHand}.
   */
  @QueryMethod
  TableView view(String playerId);

  /**
   * What {@code playerId} watching the table sees: {@link #view}, the lobby entry and the action
   * clock's deadline for the seat to act.
   */
  @QueryMethod
  TableSnapshot snapshot(String playerId);

  /** The lobby entry. */
  @QueryMethod
  TableSummary summary();

  /** The table's bookkeeping (no cards). */
  @QueryMethod
  TableStatus status();
}
