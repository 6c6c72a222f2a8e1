package dev.croupier.workflows.session;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One player's session on one single-player round game, as a durable workflow with id {@code
 * session-<sessionId>}. Use it through {@link GameSessions}, which maps failures to error codes.
 *
 * <p>Business failures reach the caller as an {@link io.temporal.failure.ApplicationFailure} whose
 * type is a {@link dev.croupier.errors.ErrorCode} name.
 */
@WorkflowInterface
public interface GameSessionWorkflow {

  /**
   * Opens the session (plugin {@code initSession}, server seed and commitment, ledger accounts,
   * projection row, search attributes), then serves bets until it is closed by the player or by its
   * idle timer. Continues as new every {@link SessionOptions#continueAsNewEvery()} rounds.
   *
   * @return the summary with the revealed server seed
   */
  @WorkflowMethod
  SessionSummary run(SessionStart start);

  /**
   * Plays one round, or {@code spins} rounds of an auto-spin, each posted as its own atomic ledger
   * transaction with key {@code session-<id>/round-<n>}.
   *
   * <p>Idempotent by {@link BetRequest#requestId()}, which is the update id: the same id again
   * returns the first answer (also after continue-as-new, for the last {@link
   * SessionOptions#rememberedRequests()} requests); the same id with another payload fails with
   * {@code DUPLICATE_REQUEST}. Failures: {@code INSUFFICIENT_FUNDS} (the round is void, nothing
   * posted), {@code UNAVAILABLE} (the wallet did not answer within the retry budget; the round's
   * post is reconciled by key before the next round), {@code SESSION_UNDER_REVIEW} (the round's
   * records disagree: see {@link #resolveReview}).
   */
  @UpdateMethod
  BetOutcome placeBet(BetRequest request);

  /**
   * Rejects a bet before it reaches the history: {@code NOT_YOUR_SESSION}, {@code SESSION_CLOSED},
   * {@code ROUND_IN_PROGRESS}, {@code SESSION_UNDER_REVIEW}, {@code FEATURE_DISABLED} (auto-spin
   * off), {@code VALIDATION_FAILED} (bad spin count), and the game's {@code WRONG_CURRENCY}, {@code
   * INVALID_WAGER}, {@code BET_BELOW_MINIMUM}, {@code BET_ABOVE_MAXIMUM}.
   */
  @UpdateValidatorMethod(updateName = "placeBet")
  void validatePlaceBet(BetRequest request);

  /**
   * Closes the session after any round in flight, reveals the server seed and returns the summary.
   * Idempotent: closing a closed session returns the same summary.
   */
  @UpdateMethod
  SessionSummary close(CloseRequest request);

  /** Rejects a close from another player with {@code NOT_YOUR_SESSION}. */
  @UpdateValidatorMethod(updateName = "close")
  void validateClose(CloseRequest request);

  /**
   * Sets the client seed of every round of the session, before the first: the player chooses it
   * after the commitment to the server seed was shown, so the server seed cannot have been picked
   * to suit it. Returns the client seed in force. Choosing the same seed again is harmless.
   */
  @UpdateMethod
  String chooseClientSeed(ClientSeedRequest request);

  /**
   * Rejects a client seed before it reaches the history: {@code NOT_YOUR_SESSION}, {@code
   * SESSION_CLOSED}, {@code VALIDATION_FAILED} (not 1-64 printable ASCII characters), {@code
   * CLIENT_SEED_LOCKED} (a round was played or is being played: the seed is fixed for the session).
   */
  @UpdateValidatorMethod(updateName = "chooseClientSeed")
  void validateChooseClientSeed(ClientSeedRequest request);

  /** The session as a reconnecting client needs it. */
  @QueryMethod
  SessionView state();

  /**
   * Sets the client seed of the rounds that follow (fire-and-forget). Ignored unless it is 1-64
   * printable ASCII characters.
   */
  @SignalMethod
  void changeClientSeed(String clientSeed);

  /**
   * Lifts the hold a {@link ComplianceAlert} put on the session's betting, sent by admin once a
   * compliance user resolved the alert there (audited on admin's side). A resolution of another
   * alert, or of a session under no review, changes nothing; so does a repeat.
   */
  @SignalMethod
  void resolveReview(ReviewResolution resolution);
}
