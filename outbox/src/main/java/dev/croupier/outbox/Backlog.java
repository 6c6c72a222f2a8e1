package dev.croupier.outbox;

import java.time.Instant;

/**
 * What an outbox holds, as its relay's meters report it.
 *
 * @param rows rows waiting, counted up to the store's cap
 * @param oldest when the oldest waiting row was written, or null when the outbox is empty
 */
public record Backlog(long rows, Instant oldest) {
  /** An empty outbox. */
  public static final Backlog EMPTY = new Backlog(0, null);
}
