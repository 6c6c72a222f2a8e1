package dev.croupier.wallet.posting;

import dev.croupier.errors.ErrorCode;
import dev.croupier.wallet.accounts.AccountCatalog;
import dev.croupier.wallet.ledger.LedgerException;
import io.micrometer.core.instrument.Gauge;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts transactions with group commit. Each post is validated on the caller's thread, then queued
 * to one of N committer threads, chosen by a hash of its idempotency key. A committer drains up to
 * {@code maxBatch} posts and writes them in one database transaction ({@link BatchWriter}); each
 * post still gets its own outcome, and only after the commit returns, so an acknowledged post is
 * durable ({@code synchronous_commit} stays on).
 *
 * <p>The same key always goes to the same committer, so duplicates never race each other inside one
 * process; a second post of a key already in the batch waits for the next batch and then finds the
 * first one committed (a replay or a conflict). Writers in other processes can still race on a key:
 * the insert then misses it, and the batch is rolled back and run again.
 *
 * <p>A house sub-account is picked by the same hash, and the house has a multiple of N
 * sub-accounts, so each committer locks only its own house rows and committers never wait for each
 * other on the house.
 *
 * <p>When a batch fails in the database, its posts are run again one by one, so one bad post cannot
 * fail the others. A post whose deadline passed before its batch started is dropped unwritten; once
 * in a batch it commits or not with the batch, and the caller learns which by posting the same key
 * again.
 */
public final class PostingEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostingEngine.class);

  private final DSLContext dsl;
  private final PostingSettings settings;
  private final RequestValidator validator;
  private final BatchWriter writer;
  private final List<BlockingQueue<Pending>> queues = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();
  private final LongAdder batches = new LongAdder();
  private final LongAdder posts = new LongAdder();
  private final AtomicLong maxBatch = new AtomicLong();
  private final PostingTelemetry telemetry;
  private volatile boolean running;

  public PostingEngine(DSLContext dsl, AccountCatalog catalog, PostingSettings settings) {
    this(dsl, catalog, settings, PostingTelemetry.off());
  }

  /** An engine whose meters and spans go to {@code telemetry}. */
  public PostingEngine(
      DSLContext dsl,
      AccountCatalog catalog,
      PostingSettings settings,
      PostingTelemetry telemetry) {
    this.dsl = dsl;
    this.settings = settings;
    this.telemetry = telemetry;
    this.validator = new RequestValidator(catalog, settings.maxLegs());
    this.writer = new BatchWriter(catalog, new PostingRepository());
    for (int i = 0; i < settings.committers(); i++) {
      queues.add(new ArrayBlockingQueue<>(settings.queueCapacity()));
    }
    Gauge.builder(
            "croupier.wallet.queue.depth",
            queues,
            qs -> qs.stream().mapToInt(BlockingQueue::size).sum())
        .description("Posts waiting for a committer")
        .register(telemetry.registry());
  }

  /** Starts the committer threads. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    for (int i = 0; i < queues.size(); i++) {
      BlockingQueue<Pending> queue = queues.get(i);
      Thread t = new Thread(() -> commitLoop(queue), "wallet-committer-" + i);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
  }

  /** Runs {@code listener} after every commit that wrote something (e.g. to wake the relay). */
  public void onCommit(Runnable listener) {
    commitListeners.add(listener);
  }

  /**
   * Posts {@code request} exactly once per idempotency key.
   *
   * @param deadlineNanos a {@link System#nanoTime()} after which the post is not started, or {@link
   *     Long#MAX_VALUE}
   * @return completes with the result (a replay has {@code replayed=true}), or with a {@link
   *     LedgerException} (nothing written), or a {@link TimeoutException} when the deadline passed
   *     before the post was started (nothing written)
   */
  public CompletableFuture<PostResult> submit(PostRequest request, long deadlineNanos) {
    byte[] hash;
    try {
      hash = validator.validate(request);
    } catch (LedgerException e) {
      telemetry.count(request, e);
      return CompletableFuture.failedFuture(e);
    }
    int route = RequestValidator.route(request.idempotencyKey());
    Pending p = new Pending(request, hash, route, deadlineNanos);
    if (!running || !queues.get(route % queues.size()).offer(p)) {
      LedgerException e =
          new LedgerException(ErrorCode.UNAVAILABLE, "the wallet is overloaded or stopping");
      telemetry.count(request, e);
      return CompletableFuture.failedFuture(e);
    }
    return p.future;
  }

  /**
   * Posts and waits. Same contract as {@link #submit}.
   *
   * @throws LedgerException the business failure; nothing was written
   */
  public PostResult post(PostRequest request) {
    try {
      return submit(request, Long.MAX_VALUE).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException(ErrorCode.UNAVAILABLE, "interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new CompletionException(e.getCause());
    }
  }

  public PostingStats stats() {
    return new PostingStats(batches.sum(), posts.sum(), maxBatch.get());
  }

  private void commitLoop(BlockingQueue<Pending> queue) {
    List<Pending> carry = new ArrayList<>();
    while (running || !queue.isEmpty() || !carry.isEmpty()) {
      List<Pending> batch = new ArrayList<>(settings.maxBatch());
      batch.addAll(carry);
      carry.clear();
      try {
        if (batch.isEmpty()) {
          Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
        }
        queue.drainTo(batch, settings.maxBatch() - batch.size());
        run(split(batch, carry));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        log.error("Committer failed a batch unexpectedly", e);
        batch.forEach(p -> fail(p, new LedgerException(ErrorCode.INTERNAL, "unexpected failure")));
      }
    }
    List<Pending> left = new ArrayList<>(carry);
    queue.drainTo(left);
    left.forEach(p -> fail(p, new LedgerException(ErrorCode.UNAVAILABLE, "the wallet stopped")));
  }

  /**
   * Drops expired posts and moves second posts of a key (or a reversal target) to {@code carry}.
   */
  private List<Pending> split(List<Pending> batch, List<Pending> carry) {
    long now = System.nanoTime();
    Set<String> keys = new HashSet<>();
    Set<Long> reversals = new HashSet<>();
    List<Pending> out = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      if (p.future.isDone()) {
        continue;
      }
      if (p.expired(now)) {
        TimeoutException late =
            new TimeoutException("the deadline passed before the post was started");
        telemetry.count(p.request, late);
        p.future.completeExceptionally(late);
        continue;
      }
      long rev = p.request.reversesTransactionId();
      if (!keys.add(p.key()) || (rev > 0 && !reversals.add(rev))) {
        carry.add(p);
        continue;
      }
      out.add(p);
    }
    return out;
  }

  private void run(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    batches.increment();
    posts.add(batch.size());
    maxBatch.accumulateAndGet(batch.size(), Math::max);
    telemetry.batchSize.record(batch.size());
    long started = System.nanoTime();
    for (Pending p : batch) {
      p.startWrite(telemetry.tracer(), batch.size());
    }
    Map<Pending, Object> outcomes;
    try {
      outcomes = writeWithRetry(batch);
    } catch (RuntimeException e) {
      if (batch.size() > 1) {
        log.warn("A batch of {} failed ({}); posting them one by one", batch.size(), e.toString());
        for (Pending p : batch) {
          runAlone(p);
        }
      } else {
        fail(batch.get(0), classify(e));
      }
      return;
    } finally {
      telemetry.batchDuration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
    complete(outcomes);
  }

  private void runAlone(Pending p) {
    try {
      complete(writeWithRetry(List.of(p)));
    } catch (RuntimeException e) {
      fail(p, classify(e));
    }
  }

  /**
   * Writes optimistically first (no key lookup); when a key turns out to exist, rolls back and
   * writes again with the lookup, which turns such posts into replays or conflicts.
   */
  private Map<Pending, Object> writeWithRetry(List<Pending> batch) {
    for (int attempt = 1; ; attempt++) {
      boolean lookUp = attempt > 1;
      try {
        return dsl.transactionResult(c -> writer.write(c.dsl(), batch, lookUp));
      } catch (BatchWriter.KeyRace e) {
        if (attempt >= 3) {
          throw e;
        }
      } catch (RuntimeException e) {
        if (attempt >= 3 || !isKeyRace(e)) {
          throw e;
        }
      }
    }
  }

  private void complete(Map<Pending, Object> outcomes) {
    boolean wrote = false;
    for (var e : outcomes.entrySet()) {
      Pending p = e.getKey();
      telemetry.count(p.request, e.getValue());
      if (e.getValue() instanceof PostResult r) {
        wrote |= !r.replayed();
        p.endWrite(null);
        p.future.complete(r);
      } else {
        p.endWrite((Throwable) e.getValue());
        p.future.completeExceptionally((Throwable) e.getValue());
      }
    }
    if (wrote) {
      for (Runnable listener : commitListeners) {
        listener.run();
      }
    }
  }

  private void fail(Pending p, Throwable t) {
    telemetry.count(p.request, t);
    p.endWrite(t);
    p.future.completeExceptionally(t);
  }

  private static boolean isKeyRace(Throwable e) {
    SQLException sql = sqlCause(e);
    return sql != null
        && "23505".equals(sql.getSQLState())
        && String.valueOf(sql.getMessage()).contains("transaction_idempotency_key");
  }

  /** Maps a database failure of a single post to the error its caller sees. */
  static LedgerException classify(Throwable e) {
    if (e instanceof LedgerException le) {
      return le;
    }
    SQLException sql = sqlCause(e);
    String state = sql == null ? "" : String.valueOf(sql.getSQLState());
    String message = sql == null ? "" : String.valueOf(sql.getMessage());
    if (state.equals("23514") && message.contains("balance_floor")) {
      return new LedgerException(ErrorCode.INSUFFICIENT_FUNDS, "the balance does not cover it");
    }
    if (state.equals("23505") && message.contains("reverses_id")) {
      return new LedgerException(ErrorCode.ALREADY_REVERSED, "already reversed");
    }
    if (state.startsWith("08") || state.equals("57P01") || state.equals("40001")) {
      log.warn("Post failed on the database, retryable: {}", message);
      return new LedgerException(ErrorCode.UNAVAILABLE, "the database is unavailable; retry");
    }
    log.error("Post failed on the database", e);
    return new LedgerException(ErrorCode.INTERNAL, "unexpected database failure");
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  /** Stops taking posts, finishes the queued ones, and stops the committers. */
  @Override
  public void close() {
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
    }
    for (Thread t : threads) {
      try {
        t.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
