package dev.croupier.outbox;

import java.sql.Connection;
import java.util.List;

/**
 * A context's outbox, as its relay reads it: implemented by the module that owns the outbox table
 * (the wallet for {@code wallet.outbox}, the game store for {@code game.table_event_outbox}), so
 * that the relay never touches another context's schema. Every call runs on the relay's own
 * connection, in auto-commit, while it holds {@link #leadershipLock()}.
 */
public interface OutboxStore {

  /**
   * The advisory lock that makes one relay of this outbox lead at a time, across every process:
   * fixed, and distinct from every other outbox's.
   */
  long leadershipLock();

  /** The oldest rows, at most {@code limit}, in outbox order. */
  List<OutboxRecord> next(Connection connection, int limit);

  /** Deletes rows Kafka has acknowledged. A row already gone is no error. */
  void delete(Connection connection, List<Long> ids);

  /**
   * How many rows wait (counted up to a cap, so a long outage costs a bounded query) and when the
   * oldest was written; for the relay's meters. Runs on a pooled connection, not the relay's.
   */
  Backlog backlog(Connection connection);
}
