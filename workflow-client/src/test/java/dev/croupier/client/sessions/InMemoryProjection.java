package dev.croupier.client.sessions;

import dev.croupier.workflows.session.RoundRecord;
import dev.croupier.workflows.session.SessionClosed;
import dev.croupier.workflows.session.SessionProjectionActivities;
import dev.croupier.workflows.session.SessionRecord;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Records what the workflow asks the projection to write, keyed as the real tables are. */
final class InMemoryProjection implements SessionProjectionActivities {
  final Map<UUID, SessionRecord> sessions = new ConcurrentHashMap<>();
  final Map<String, RoundRecord> rounds = new ConcurrentHashMap<>();
  final Map<UUID, SessionClosed> closed = new ConcurrentHashMap<>();

  @Override
  public void openSession(SessionRecord session) {
    // As the table: a write again before the first round (a task that ran again) takes its seeds.
    boolean played =
        rounds.keySet().stream().anyMatch(k -> k.startsWith(session.sessionId() + "/"));
    if (!played) {
      sessions.put(session.sessionId(), session);
    }
  }

  @Override
  public void recordRound(RoundRecord round) {
    rounds.putIfAbsent(round.sessionId() + "/" + round.round(), round);
  }

  @Override
  public void closeSession(SessionClosed c) {
    closed.putIfAbsent(c.sessionId(), c);
  }
}
