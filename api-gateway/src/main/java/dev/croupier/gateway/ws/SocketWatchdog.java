package dev.croupier.gateway.ws;

import dev.croupier.gateway.identity.PlayerStatus;
import dev.croupier.gateway.identity.Players;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

/**
 * Every {@code watchdog-interval}, closes with 1008 each socket whose access token expired, whose
 * device logged out (its refresh-token family was revoked after the token was issued), or whose
 * player was disabled. Failed logins by anyone else never close a player's socket: they lock only
 * the source that failed. Two reads per sweep, whatever the number of sockets.
 */
@Component
class SocketWatchdog implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SocketWatchdog.class);
  static final CloseStatus EXPIRED = CloseStatus.POLICY_VIOLATION.withReason("token expired");
  static final CloseStatus LOGGED_OUT = CloseStatus.POLICY_VIOLATION.withReason("logged out");
  static final CloseStatus DISABLED = CloseStatus.POLICY_VIOLATION.withReason("account disabled");

  private final Sockets sockets;
  private final Players players;
  private final WsProperties properties;
  private volatile ScheduledExecutorService timer;

  SocketWatchdog(Sockets sockets, Players players, WsProperties properties) {
    this.sockets = sockets;
    this.players = players;
    this.properties = properties;
  }

  void sweep() {
    List<Connection> open = sockets.snapshot();
    if (open.isEmpty()) {
      return;
    }
    Instant now = Instant.now();
    Set<UUID> users = open.stream().map(c -> c.player().userId()).collect(Collectors.toSet());
    Map<UUID, PlayerStatus> statuses = players.statuses(users);
    Map<Players.Device, Instant> revoked = players.lastRevocations(users);
    for (Connection c : open) {
      UUID user = c.player().userId();
      PlayerStatus status = statuses.get(user);
      Instant revokedAt = revoked.get(new Players.Device(user, c.player().deviceId()));
      CloseStatus verdict = null;
      if (!now.isBefore(c.expiresAt())) {
        verdict = EXPIRED;
      } else if (status == null || status.disabled()) {
        verdict = DISABLED;
      } else if (revokedAt != null && !revokedAt.isBefore(c.issuedAt())) {
        verdict = LOGGED_OUT;
      }
      if (verdict != null) {
        log.info("closing socket {} of user {}: {}", c.id(), user, verdict.getReason());
        c.close(verdict);
      }
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ws-watchdog").daemon().factory());
    long every = properties.watchdogInterval().toMillis();
    t.scheduleWithFixedDelay(
        () -> {
          try {
            sweep();
          } catch (RuntimeException e) {
            log.warn("socket watchdog sweep failed; next in {} ms", every, e);
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
    timer = t;
  }

  @Override
  public void stop() {
    ScheduledExecutorService t = timer;
    if (t != null) {
      t.shutdownNow();
    }
    timer = null;
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }
}
