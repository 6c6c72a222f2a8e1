package dev.croupier.gateway.ws;

import dev.croupier.gateway.identity.AuthenticatedPlayer;
import io.github.bucket4j.Bucket;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One player's socket: who it is, what it subscribed to, its rate bucket, and its bounded outbound
 * queue. A single sender at a time drains the queue, so frames leave in the order they were queued.
 * When the queue is full, droppable events go first; a reply that still does not fit closes the
 * socket with 1013, so a reader that stopped reading never holds more than the limit in memory.
 */
final class Connection {
  private static final Logger log = LoggerFactory.getLogger(Connection.class);

  /** Sent when the outbound queue cannot take a reply: the client is not reading. */
  static final CloseStatus TRY_AGAIN_LATER =
      new CloseStatus(1013, "outbound queue full: read faster");

  private final WebSocketSession session;
  private final AuthenticatedPlayer player;
  private final String ip;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final String displayName;
  private final Bucket bucket;
  private final Executor executor;
  private final int maxFrames;
  private final int maxChars;
  private final Set<Topic> topics = ConcurrentHashMap.newKeySet();
  private final Set<UUID> tables = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong droppedEvents = new AtomicLong();

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
  private long queuedChars;
  private boolean draining;
  private volatile @Nullable CloseStatus closedWith;

  private record Outbound(String text, boolean droppable) {}

  Connection(
      WebSocketSession session,
      AuthenticatedPlayer player,
      String ip,
      Instant issuedAt,
      Instant expiresAt,
      String displayName,
      WsProperties limits,
      Executor executor) {
    this.session = session;
    this.player = player;
    this.ip = ip;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.displayName = displayName;
    this.executor = executor;
    this.maxFrames = limits.outboundFrames();
    this.maxChars = limits.outboundBytes();
    this.bucket =
        Bucket.builder()
            .addLimit(
                l ->
                    l.capacity(limits.messageBurst())
                        .refillGreedy(limits.messagesPerSecond(), Duration.ofSeconds(1)))
            .build();
  }

  String id() {
    return session.getId();
  }

  AuthenticatedPlayer player() {
    return player;
  }

  String ip() {
    return ip;
  }

  Instant issuedAt() {
    return issuedAt;
  }

  Instant expiresAt() {
    return expiresAt;
  }

  String displayName() {
    return displayName;
  }

  Set<Topic> topics() {
    return topics;
  }

  /** The game tables this socket watches. */
  Set<UUID> tables() {
    return tables;
  }

  boolean tryTakeToken() {
    return bucket.tryConsume(1);
  }

  /** Counts a request in; false when the connection already has its maximum in flight. */
  boolean enter(int max) {
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      return false;
    }
    return true;
  }

  void leave() {
    inFlight.decrementAndGet();
  }

  /** Frames waiting to be written. */
  int queuedFrames() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  long droppedEvents() {
    return droppedEvents.get();
  }

  @Nullable CloseStatus closedWith() {
    return closedWith;
  }

  boolean isOpen() {
    return closedWith == null && session.isOpen();
  }

  /** Queues a frame; never blocks. */
  void send(String frame, boolean droppable) {
    boolean start = false;
    boolean overflow = false;
    lock.lock();
    try {
      if (closedWith != null) {
        return;
      }
      if (!fits(frame)) {
        if (droppable) {
          droppedEvents.incrementAndGet();
          return;
        }
        evictDroppable(frame);
        overflow = !fits(frame);
      }
      if (!overflow) {
        queue.add(new Outbound(frame, droppable));
        queuedChars += frame.length();
        if (!draining) {
          draining = true;
          start = true;
        }
      }
    } finally {
      lock.unlock();
    }
    if (overflow) {
      log.warn(
          "closing socket {} of user {}: {} frames queued and the reader is not reading",
          id(),
          player.userId(),
          maxFrames);
      close(TRY_AGAIN_LATER);
    } else if (start) {
      executor.execute(this::drain);
    }
  }

  private boolean fits(String frame) {
    return queue.size() < maxFrames && queuedChars + frame.length() <= maxChars;
  }

  private void evictDroppable(String frame) {
    Iterator<Outbound> it = queue.iterator();
    while (!fits(frame) && it.hasNext()) {
      Outbound o = it.next();
      if (o.droppable()) {
        it.remove();
        queuedChars -= o.text().length();
        droppedEvents.incrementAndGet();
      }
    }
  }

  private void drain() {
    while (true) {
      Outbound next;
      lock.lock();
      try {
        next = queue.poll();
        if (next == null || closedWith != null) {
          draining = false;
          queue.clear();
          queuedChars = 0;
          return;
        }
        queuedChars -= next.text().length();
      } finally {
        lock.unlock();
      }
      try {
        session.sendMessage(new TextMessage(next.text()));
      } catch (IOException | RuntimeException e) {
        log.debug("send to socket {} failed: {}", id(), e.toString());
        close(CloseStatus.SESSION_NOT_RELIABLE);
      }
    }
  }

  /** Closes the socket once, off the calling thread (a close may wait for a write in progress). */
  void close(CloseStatus status) {
    lock.lock();
    try {
      if (closedWith != null) {
        return;
      }
      closedWith = status;
    } finally {
      lock.unlock();
    }
    executor.execute(
        () -> {
          try {
            session.close(status);
          } catch (IOException | RuntimeException e) {
            log.debug("close of socket {} failed: {}", id(), e.toString());
          }
        });
  }

  /** Records a close the client or the container started. */
  void closedBy(CloseStatus status) {
    lock.lock();
    try {
      if (closedWith == null) {
        closedWith = status;
      }
      queue.clear();
      queuedChars = 0;
    } finally {
      lock.unlock();
    }
  }
}
