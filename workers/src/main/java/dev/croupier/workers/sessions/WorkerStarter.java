package dev.croupier.workers.sessions;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a worker factory once Temporal answers. The SDK's start asks the frontend to describe the
 * namespace and throws when it does not answer; a Temporal that is slow to come up (a cluster
 * restarting, the dev server still opening its database) must not end the app. So the first try
 * runs at once, and while it fails a background thread tries again after a wait that doubles from
 * {@code firstRetry} to at most {@code maxRetry}, logging each failure with its attempt number,
 * until the factory polls or the app stops. A failed start leaves the factory in its initial state,
 * so it can be started again.
 */
public final class WorkerStarter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerStarter.class);

  /** Where the start is. */
  public enum State {
    /** Not asked to start yet, or stopped. */
    OFF,
    /** Temporal has not answered yet; a retry is scheduled. */
    WAITING_FOR_TEMPORAL,
    /** The workers poll their task queues. */
    POLLING
  }

  private final WorkerFactory factory;
  private final String target;
  private final Duration firstRetry;
  private final Duration maxRetry;
  private final AtomicInteger attempts = new AtomicInteger();
  private volatile State state = State.OFF;
  private volatile Thread retrier;

  /**
   * @param target where Temporal is, for the log
   * @param firstRetry the wait after the first failed try
   * @param maxRetry the longest wait between two tries
   */
  public WorkerStarter(
      WorkerFactory factory, String target, Duration firstRetry, Duration maxRetry) {
    if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
      throw new IllegalArgumentException("need 0 < firstRetry <= maxRetry");
    }
    this.factory = factory;
    this.target = target;
    this.firstRetry = firstRetry;
    this.maxRetry = maxRetry;
  }

  /** Tries to start now; on failure, keeps trying in the background. Returns at once after. */
  public synchronized void start() {
    if (state != State.OFF) {
      return;
    }
    if (tryStart(firstRetry)) {
      return;
    }
    state = State.WAITING_FOR_TEMPORAL;
    retrier = Thread.ofVirtual().name("worker-start-retry").start(this::retry);
  }

  private void retry() {
    Duration wait = firstRetry;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        return;
      }
      wait = wait.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : wait.multipliedBy(2);
      synchronized (this) {
        if (state != State.WAITING_FOR_TEMPORAL || tryStart(wait)) {
          return;
        }
      }
    }
  }

  // Called with the lock held; nextWait is only for the log.
  private boolean tryStart(Duration nextWait) {
    int attempt = attempts.incrementAndGet();
    try {
      factory.start();
      state = State.POLLING;
      if (attempt > 1) {
        log.info("Temporal at {} answered on attempt {}: the workers poll", target, attempt);
      }
      return true;
    } catch (RuntimeException e) {
      log.warn(
          "Temporal at {} did not answer the worker's start (attempt {}): {}; trying again in {} ms",
          target,
          attempt,
          e.toString(),
          nextWait.toMillis());
      return false;
    }
  }

  /** Where the start is. */
  public State state() {
    return state;
  }

  /** How many times the start was tried. */
  public int attempts() {
    return attempts.get();
  }

  /** Stops retrying; the caller shuts the factory down. */
  @Override
  public void close() throws InterruptedException {
    Thread t;
    synchronized (this) {
      state = State.OFF;
      t = retrier;
      retrier = null;
    }
    if (t != null) {
      t.interrupt();
      t.join(Duration.ofSeconds(5));
    }
  }
}
