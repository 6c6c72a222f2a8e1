package dev.croupier.workers.sessions;

import dev.croupier.client.sessions.GameSessions;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.Wager;
import dev.croupier.wallet.testing.TestWallet;
import dev.croupier.workflows.session.BetOutcome;
import dev.croupier.workflows.session.OpenedSession;
import dev.croupier.workflows.session.RoundOutcome;
import dev.croupier.workflows.session.SessionOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Players betting through the client facade as the gateway would: one virtual thread per session,
 * each bet retried with the same request id until it gets an answer.
 */
final class SessionLoad {
  private static final Logger log = LoggerFactory.getLogger(SessionLoad.class);
  static final GameRef SLOT = new GameRef("slot-classic", "1.0.0");
  static final long GRANT = 10_000_000;

  /** A round a client got back. */
  record Accepted(UUID sessionId, UUID userId, String requestId, RoundOutcome round) {
    String key() {
      return "session-" + sessionId + "/round-" + round.round();
    }
  }

  final Map<UUID, UUID> users = new ConcurrentHashMap<>();
  final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
  final Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
  final AtomicInteger retries = new AtomicInteger();
  private final GameSessions sessions;

  SessionLoad(GameSessions sessions) {
    this.sessions = sessions;
  }

  /** Opens {@code count} sessions, one per funded player. */
  List<OpenedSession> open(TestWallet wallet, int count, SessionOptions options) throws Exception {
    List<Future<OpenedSession>> opening = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        opening.add(
            pool.submit(
                () -> {
                  UUID user = UUID.randomUUID();
                  wallet.grant(user, GRANT);
                  OpenedSession s = sessions.open(user, SLOT, "seed-" + user, options);
                  users.put(s.sessionId(), user);
                  return s;
                }));
      }
    }
    List<OpenedSession> opened = new ArrayList<>();
    for (Future<OpenedSession> f : opening) {
      opened.add(f.get());
    }
    return opened;
  }

  /**
   * Bets on every session until each has {@code minBets} and {@code more} says stop. Returns when
   * all sessions are done.
   */
  void bet(List<OpenedSession> open, String prefix, int minBets, BooleanSupplier more) {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (OpenedSession s : open) {
        pool.submit(
            () -> {
              int n = 0;
              while (n < minBets || more.getAsBoolean()) {
                placeBet(s.sessionId(), prefix + "-" + s.sessionId() + "-" + n, n);
                n++;
              }
            });
      }
    }
  }

  /** One bet, retried with the same request id while Temporal or the worker is away. */
  void placeBet(UUID sessionId, String requestId, int n) {
    UUID user = users.get(sessionId);
    Wager wager = new Wager(100L * (1 + n % 5), Wager.COIN);
    while (true) {
      try {
        BetOutcome outcome = sessions.placeBet(user, sessionId, requestId, wager);
        for (RoundOutcome r : outcome.rounds()) {
          accepted.add(new Accepted(sessionId, user, requestId, r));
        }
        return;
      } catch (CroupierException e) {
        if (e.code() != ErrorCode.UNAVAILABLE) {
          log.error("bet {} on {} failed: {}", requestId, sessionId, e.getMessage());
          errors.add(e);
          return;
        }
        retries.incrementAndGet();
      } catch (RuntimeException e) {
        log.warn("bet {} on {}: {}; retrying", requestId, sessionId, e.toString());
        retries.incrementAndGet();
      }
    }
  }
}
