package dev.croupier.activities.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.workflows.session.RoundRecord;
import dev.croupier.workflows.session.SessionClosed;
import dev.croupier.workflows.session.SessionProjectionActivities;
import dev.croupier.workflows.session.SessionRecord;
import org.jooq.DSLContext;

/** Writes the game projection, one explicit transaction per call. */
public final class SessionProjectionActivitiesImpl implements SessionProjectionActivities {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DSLContext dsl;
  private final ProjectionRepository repository = new ProjectionRepository();

  public SessionProjectionActivitiesImpl(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public void openSession(SessionRecord session) {
    dsl.transaction(c -> repository.insertSession(c.dsl(), session));
  }

  @Override
  public void recordRound(RoundRecord round) {
    String outcome;
    try {
      outcome = JSON.writeValueAsString(round.outcome());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("outcome is not JSON", e);
    }
    dsl.transaction(c -> repository.insertRound(c.dsl(), round, outcome));
  }

  @Override
  public void closeSession(SessionClosed closed) {
    dsl.transaction(c -> repository.closeSession(c.dsl(), closed));
  }
}
