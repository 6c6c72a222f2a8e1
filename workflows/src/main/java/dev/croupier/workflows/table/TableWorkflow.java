package dev.croupier.workflows.table;

import dev.croupier.workflows.session.ReviewResolution;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One table of a table game (No-Limit Hold'em today) as a long-running workflow with id {@code
 * table-<tableId>}; its history is the table's event log. Use it through the client module's {@code
 * GameTables} facade, which maps failures to error codes.
 *
 * <p>The game's rules come from its {@link dev.croupier.games.api.TableGame} plugin, pinned at open
 * by version and content hash: a running table keeps the engine it opened with.
 *
 * <p>Every player request is an Update with a validator that runs the engine's checks against the
 * current state: a move out of turn, an illegal amount or a request for another player's seat is
 * rejected before it reaches the history. Every request is idempotent by its request id (kept
 * across continue-as-new): the same id again returns the first answer, the same id with another
 * payload fails with {@code DUPLICATE_REQUEST}. Business failures reach the caller as an {@link
 * io.temporal.failure.ApplicationFailure} whose type (and message prefix) is an {@link
 * dev.croupier.errors.ErrorCode} name.
 */
@WorkflowInterface
public interface TableWorkflow {

  /**
   * Opens the table (escrow account, seed epoch) and deals rounds while two or more seats play,
   * continuing as new between rounds every {@link TableOptions#handsPerRun()} rounds. Returns when
   * the table has been closed and every seat cashed out.
   *
   * <p>The workflow type is {@code PokerTableWorkflow}, the name it had when poker was the only
   * table game, so that tables opened before, and their histories, keep running under it.
   */
  @WorkflowMethod(name = "PokerTableWorkflow")
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
   * VALIDATION_FAILED} (no such seat), {@code TABLE_CLOSED}, {@code TABLE_UNDER_REVIEW} (a hand's
   * ledger post disagrees with the ledger: see {@link #resolveReview}), {@code DUPLICATE_REQUEST}.
   */
  @UpdateValidatorMethod(updateName = "sit")
  void validateSit(TableRequest.Sit request);

  /**
   * A move of the game (for poker: fold, check, call, bet, raise or all-in) for the seat to act.
   */
  @UpdateMethod
  TableAck act(TableRequest.Act request);

  /**
   * Rejects {@code NOT_YOUR_SEAT}, {@code NOT_YOUR_TURN}, {@code ILLEGAL_ACTION}, {@code
   * INVALID_AMOUNT}, {@code AMOUNT_ABOVE_STACK}, {@code RAISE_TOO_SMALL}, {@code
   * TABLE_UNDER_REVIEW}, {@code DUPLICATE_REQUEST}.
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

  /**
   * Rejects {@code NOT_YOUR_SEAT}, {@code ILLEGAL_ACTION}, {@code DUPLICATE_REQUEST}; while the
   * table is under review, {@code TABLE_UNDER_REVIEW} for every move but leaving and sitting out.
   */
  @UpdateValidatorMethod(updateName = "change")
  void validateChange(TableRequest.Change request);

  /**
   * Closes the table: no new hand is dealt, the running hand is played out, then every seat leaves
   * and is cashed out and the workflow completes. Idempotent.
   */
  @UpdateMethod
  TableStatus close();

  /**
   * Lifts the hold a {@link dev.croupier.workflows.session.ComplianceAlert} of kind {@code
   * HAND_LEDGER_MISMATCH} put on the table, sent by admin once a compliance user resolved the alert
   * (audited there). A resolution of another alert, or of none, changes nothing; the table deals
   * again once it is lifted.
   */
  @SignalMethod
  void resolveReview(ReviewResolution resolution);

  /**
   * The table as {@code playerId} sees it: their own private cards only; a spectator's view for a
   * player without a seat or a null id.
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
