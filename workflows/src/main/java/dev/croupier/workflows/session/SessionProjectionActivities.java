package dev.croupier.workflows.session;

import io.temporal.activity.ActivityInterface;

/**
 * Writes the session projection in PostgreSQL (schema {@code game}) that serves listings and game
 * recall without scanning Temporal. Every write is an idempotent upsert keyed by the session id or
 * (session id, round), so a retried or replayed call changes nothing.
 */
@ActivityInterface(namePrefix = "Projection.")
public interface SessionProjectionActivities {

  /** Records a new open session; a second call with the same session id does nothing. */
  void openSession(SessionRecord session);

  /**
   * Records a round and adds it to the session's totals, in one transaction; a second call for the
   * same (session, round) does nothing.
   */
  void recordRound(RoundRecord round);

  /** Marks the session closed and stores the revealed server seed; repeating it changes nothing. */
  void closeSession(SessionClosed closed);
}
