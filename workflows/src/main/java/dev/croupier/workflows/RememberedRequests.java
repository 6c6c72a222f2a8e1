package dev.croupier.workflows;

import dev.croupier.errors.ErrorCode;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The requests a workflow answered, by request id, so that the same request id gets the same answer
 * and the same id with another payload is refused with {@code DUPLICATE_REQUEST}. Bounded: past
 * {@code limit} entries the oldest answered is forgotten. The entries are the workflow's own
 * records (for example a session's {@code RememberedRequest}), carried across continue-as-new as a
 * list, oldest first, so the carried JSON is theirs. Workflow state: deterministic, no I/O.
 *
 * @param <Q> the request
 * @param <E> what is kept of a request and its answer
 */
public final class RememberedRequests<Q, E> {
  private final LinkedHashMap<String, E> entries = new LinkedHashMap<>();
  private final int limit;
  private final Function<Q, String> requestId;
  private final Function<E, String> entryId;
  private final BiPredicate<E, Q> samePayload;

  /**
   * @param limit how many entries are kept
   * @param requestId the id of a request
   * @param entryId the request id an entry was kept under
   * @param samePayload whether a request carries the payload the entry was answered for
   */
  public RememberedRequests(
      int limit,
      Function<Q, String> requestId,
      Function<E, String> entryId,
      BiPredicate<E, Q> samePayload) {
    this.limit = limit;
    this.requestId = requestId;
    this.entryId = entryId;
    this.samePayload = samePayload;
  }

  /** Takes back the entries a previous run carried, oldest first. */
  public void restore(List<E> carried) {
    for (E e : carried) {
      entries.put(entryId.apply(e), e);
    }
  }

  /**
   * The entry of {@code request}'s id, or {@code null} when that id was not answered (or is
   * forgotten).
   *
   * @throws ApplicationFailure {@code DUPLICATE_REQUEST} (non-retryable) when the id was answered
   *     for another payload
   */
  public E find(Q request) {
    String id = requestId.apply(request);
    E prior = entries.get(id);
    if (prior != null && !samePayload.test(prior, request)) {
      throw WorkflowFailures.fail(
          ErrorCode.DUPLICATE_REQUEST, "request " + id + " was already used with another payload");
    }
    return prior;
  }

  /** The entry kept under {@code requestId}, whatever its payload, or {@code null}. */
  public E get(String requestId) {
    return entries.get(requestId);
  }

  /** Keeps {@code entry} as the newest, in place of any under its id; forgets beyond the limit. */
  public void remember(E entry) {
    String id = entryId.apply(entry);
    entries.remove(id);
    entries.put(id, entry);
    while (entries.size() > limit) {
      entries.remove(entries.keySet().iterator().next());
    }
  }

  /** The entries, oldest first, for the next run. */
  public List<E> carried() {
    return new ArrayList<>(entries.values());
  }
}
