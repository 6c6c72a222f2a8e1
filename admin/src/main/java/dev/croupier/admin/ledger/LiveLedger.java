package dev.croupier.admin.ledger;

import dev.croupier.admin.platform.TopicTail;
import dev.croupier.wallet.api.WalletEntryEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Follows {@code wallet.entries} for the live ledger page. At start it reads back the last {@link
 * #PAGE} records of every partition, so a page opened now shows the posts already made; then it
 * hands every new entry to each viewer, and keeps the last {@code retained} for pages opened later.
 *
 * <p>A slow browser never slows the reader: each viewer has a bounded queue of its own, drained by
 * a thread of its own; when the queue is full the entry is dropped for that viewer and counted, and
 * the viewer is told how many it missed. The relay and the ledger never wait for the admin app at
 * all: this is one more consumer of the topic, without a group.
 */
public final class LiveLedger implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(LiveLedger.class);

  /** How many posts the page shows: the last 100. */
  public static final int PAGE = 100;

  /**
   * What the reader does.
   *
   * @param retained entries kept in memory for viewers who open the page now (the page shows the
   *     last {@link #PAGE} of them that match its filter); at start, up to {@link #PAGE} of each
   *     partition are read back
   * @param viewerQueue entries one viewer may fall behind before it misses some
   */
  public record Settings(
      String bootstrapServers, String topic, int retained, int viewerQueue, boolean autoStartup) {}

  /** One viewer: its filter, what it receives, and what it missed. */
  public final class Viewer implements AutoCloseable {
    private final LedgerFilter filter;
    private final BlockingQueue<WalletEntryEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean open = true;

    private Viewer(LedgerFilter filter, int capacity) {
      this.filter = filter;
      this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void offer(WalletEntryEvent e) {
      if (open && filter.matches(e) && !queue.offer(e)) {
        dropped.incrementAndGet();
        droppedTotal.incrementAndGet();
      }
    }

    /** The next entry, waiting up to {@code timeout}; null when none came. */
    public WalletEntryEvent next(Duration timeout) throws InterruptedException {
      return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Entries this viewer missed, and resets the count. */
    public long takeDropped() {
      return dropped.getAndSet(0);
    }

    @Override
    public void close() {
      open = false;
      viewers.remove(this);
    }
  }

  private final Settings settings;
  private final Deque<WalletEntryEvent> recent = new ArrayDeque<>();
  private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
  private final List<Consumer<WalletEntryEvent>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong read = new AtomicLong();
  private final AtomicLong droppedTotal = new AtomicLong();
  private final TopicTail tail;

  public LiveLedger(Settings settings) {
    this.settings = settings;
    this.tail =
        new TopicTail(
            "live-ledger",
            settings.bootstrapServers(),
            settings.topic(),
            LiveLedger::lastPage,
            this::accept);
  }

  /**
   * The most recent {@code limit} retained entries that match, newest first by entry id (entries of
   * different accounts arrive from different partitions, so arrival order is not post order).
   */
  public List<WalletEntryEvent> recent(LedgerFilter filter, int limit) {
    List<WalletEntryEvent> out = new ArrayList<>();
    synchronized (recent) {
      for (WalletEntryEvent e : recent) {
        if (filter.matches(e)) {
          out.add(e);
        }
      }
    }
    out.sort(java.util.Comparator.comparingLong(WalletEntryEvent::entryId).reversed());
    return out.size() <= limit ? out : List.copyOf(out.subList(0, limit));
  }

  /** A new viewer that receives every entry read from now on that matches {@code filter}. */
  public Viewer watch(LedgerFilter filter) {
    Viewer v = new Viewer(filter, settings.viewerQueue());
    viewers.add(v);
    return v;
  }

  /** Called with every entry read, on the reader's thread (for the dashboard's figures). */
  public void onEntry(Consumer<WalletEntryEvent> listener) {
    listeners.add(listener);
  }

  /** Entries read since start. */
  public long read() {
    return read.get();
  }

  /** Entries dropped for slow viewers since start. */
  public long dropped() {
    return droppedTotal.get();
  }

  /** Viewers watching now. */
  public int viewers() {
    return viewers.size();
  }

  /** Each partition's last {@code PAGE} entries first, so the page is full from the start. */
  private static void lastPage(KafkaConsumer<String, byte[]> c, List<TopicPartition> partitions) {
    Map<TopicPartition, Long> begin = c.beginningOffsets(partitions);
    Map<TopicPartition, Long> end = c.endOffsets(partitions);
    for (TopicPartition p : partitions) {
      c.seek(p, Math.max(begin.get(p), end.get(p) - PAGE));
    }
  }

  private void accept(ConsumerRecord<String, byte[]> r) {
    WalletEntryEvent e;
    try {
      e = WalletEntryEvent.decode(r.value());
    } catch (RuntimeException ex) {
      log.warn(
          "live ledger: skipped a record at {}-{}@{}: {}",
          r.topic(),
          r.partition(),
          r.offset(),
          ex.getMessage());
      return;
    }
    read.incrementAndGet();
    synchronized (recent) {
      recent.addLast(e);
      while (recent.size() > settings.retained()) {
        recent.removeFirst();
      }
    }
    for (Viewer v : viewers) {
      v.offer(e);
    }
    for (Consumer<WalletEntryEvent> l : listeners) {
      try {
        l.accept(e);
      } catch (RuntimeException ex) {
        log.warn("live ledger: a listener failed: {}", ex.toString());
      }
    }
  }

  @Override
  public boolean isAutoStartup() {
    return settings.autoStartup();
  }

  @Override
  public void start() {
    tail.start();
  }

  @Override
  public void stop() {
    tail.stop();
    viewers.forEach(Viewer::close);
  }

  @Override
  public boolean isRunning() {
    return tail.isRunning();
  }
}
