package dev.croupier.activities.projection;

import dev.croupier.gamestore.projection.SessionProjection;
import dev.croupier.workflows.session.RoundRecord;
import dev.croupier.workflows.session.SessionClosed;
import dev.croupier.workflows.session.SessionProjectionActivities;
import dev.croupier.workflows.session.SessionRecord;

/**
 * The session workflow's projection activities, through the game store that owns the {@code game}
 * schema: opens, rounds (group-committed) and closes, each an idempotent upsert.
 */
public final class SessionProjectionActivitiesImpl implements SessionProjectionActivities {
  private final SessionProjection projection;

  public SessionProjectionActivitiesImpl(SessionProjection projection) {
    this.projection = projection;
  }

  @Override
  public void openSession(SessionRecord session) {
    projection.openSession(session);
  }

  @Override
  public void recordRound(RoundRecord round) {
    projection.recordRound(round);
  }

  @Override
  public void closeSession(SessionClosed closed) {
    projection.closeSession(closed);
  }
}
