package dev.croupier.gamestore.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.workflows.session.RoundRecord;
import dev.croupier.workflows.session.SessionClosed;
import dev.croupier.workflows.session.SessionRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.DSLContext;

/**
 * Writes the projection of game sessions and rounds ({@code game.sessions}, {@code game.rounds}),
 * for the session workflow's projection activities. Every write is an upsert that a repeat leaves
 * unchanged, so a retried activity writes nothing twice. Sessions open and close in a transaction
 * each. Rounds, one per bet and on every bet's path, are group-committed: a call queues its round
 * and either commits everything queued in one transaction or finds that the caller before it
 * already did, so concurrent bets share a commit instead of each waiting on its own. A call returns
 * only once its round is committed; a batch that fails is retried a round per transaction, so one
 * bad round fails only its own call.
 */
public final class SessionProjection {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BATCH = 64;

  private final DSLContext dsl;
  private final ProjectionRepository repository = new ProjectionRepository();
  private final ConcurrentLinkedQueue<PendingRound> pending = new ConcurrentLinkedQueue<>();
  private final ReentrantLock committing = new ReentrantLock();

  public SessionProjection(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** The sessions open now, by {@code gameId@version}: what the workers report as a gauge. */
  public java.util.Map<String, Long> openSessionsByGame() {
    return repository.openSessionsByGame(dsl);
  }

  /** Records a session that opened. */
  public void openSession(SessionRecord session) {
    dsl.transaction(c -> repository.insertSession(c.dsl(), session));
  }

  /** Records a round and adds it to its session's totals, once; returns once it is committed. */
  public void recordRound(RoundRecord round) {
    String outcome;
    try {
      outcome = JSON.writeValueAsString(round.outcome());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("outcome is not JSON", e);
    }
    PendingRound mine = new PendingRound(round, outcome, new CompletableFuture<>());
    pending.add(mine);
    // FIFO batches: each pass commits from the head, so a round queued before the pass is in it
    // or in the next one.
    while (!mine.done().isDone()) {
      committing.lock();
      try {
        if (!mine.done().isDone()) {
          commitQueued();
        }
      } finally {
        committing.unlock();
      }
    }
    try {
      mine.done().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Records how a session closed and its revealed seed; a closed session stays as it closed. */
  public void closeSession(SessionClosed closed) {
    dsl.transaction(c -> repository.closeSession(c.dsl(), closed));
  }

  private void commitQueued() {
    List<PendingRound> batch = new ArrayList<>();
    for (PendingRound p; batch.size() < MAX_BATCH && (p = pending.poll()) != null; ) {
      batch.add(p);
    }
    // One order for every batch, so two workers' batches never lock two sessions crosswise.
    batch.sort(Comparator.comparing((PendingRound p) -> p.round().sessionId()));
    try {
      dsl.transaction(
          c -> {
            for (PendingRound p : batch) {
              repository.insertRound(c.dsl(), p.round(), p.outcome());
            }
          });
      batch.forEach(p -> p.done().complete(null));
    } catch (RuntimeException batchFailed) {
      for (PendingRound p : batch) {
        try {
          dsl.transaction(c -> repository.insertRound(c.dsl(), p.round(), p.outcome()));
          p.done().complete(null);
        } catch (RuntimeException e) {
          p.done().completeExceptionally(e);
        }
      }
    }
  }

  private record PendingRound(RoundRecord round, String outcome, CompletableFuture<Void> done) {}
}
