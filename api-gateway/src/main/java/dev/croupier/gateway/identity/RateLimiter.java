package dev.croupier.gateway.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Token buckets keyed by action and subject: the user for {@code per-user} limits, the client IP
 * address before the user is known ({@code per-ip}). They live in PostgreSQL ({@link
 * RateLimitRepository}), shared by every gateway node, so N nodes give the configured limit in sum,
 * not N times it; and a user's bucket does not depend on the address, so a new address gives a user
 * no fresh budget. One instance serves REST and the WebSocket gateway, so a script cannot dodge the
 * limit by switching transport.
 */
@Component
public class RateLimiter {
  private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

  private final RateLimitProperties properties;
  private final RateLimitRepository buckets;
  private final Clock clock;
  private final AtomicLong nextPurgeMicros = new AtomicLong();
  private final Map<RateLimitAction, Counter> refusals = new EnumMap<>(RateLimitAction.class);

  /**
   * @param meters where {@code croupier.gateway.rate_limit.refusals{action}} goes
   */
  RateLimiter(
      RateLimitProperties properties,
      RateLimitRepository buckets,
      Clock clock,
      MeterRegistry meters) {
    this.properties = properties;
    this.buckets = buckets;
    this.clock = clock;
    for (RateLimitAction action : RateLimitAction.values()) {
      refusals.put(
          action,
          Counter.builder("croupier.gateway.rate_limit.refusals")
              .description("Requests refused by a rate limit, by action")
              .tag("action", action.name().toLowerCase(java.util.Locale.ROOT))
              .register(meters));
    }
  }

  /**
   * Takes one token from the bucket of {@code (action, userId)}; with no user, from the address's
   * bucket for the action. Never blocks. When the store cannot be reached the request is let
   * through (and logged): a database outage must not lock every player out.
   *
   * @param userId the authenticated user, or empty before the user is known
   * @param ip the client's address as the servlet container resolved it
   */
  public Decision tryAcquire(RateLimitAction action, Optional<UUID> userId, String ip) {
    RateLimitProperties.ActionLimits limits = properties.limits(action);
    RateLimitProperties.Limit limit = userId.isPresent() ? limits.perUser() : limits.perIp();
    String key =
        action.name().toLowerCase(java.util.Locale.ROOT)
            + "|"
            + userId.map(u -> "user:" + u).orElse("ip:" + ip);
    Instant now = clock.instant();
    long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    purgeNowAndThen(nowMicros);
    Optional<Long> wait;
    try {
      wait = buckets.take(key, nowMicros, limit.capacity(), limit.period().toNanos() / 1_000);
    } catch (DataAccessException e) {
      log.warn("rate limit store unavailable, letting {} through: {}", action, e.getMessage());
      return Decision.ALLOWED;
    }
    if (wait.isEmpty()) {
      return Decision.ALLOWED;
    }
    refusals.get(action).increment();
    return new Decision(false, Duration.ofNanos(wait.get() * 1_000));
  }

  private void purgeNowAndThen(long nowMicros) {
    long next = nextPurgeMicros.get();
    if (nowMicros >= next
        && nextPurgeMicros.compareAndSet(
            next, nowMicros + properties.idleExpiry().toNanos() / 1_000)) {
      try {
        buckets.purge(nowMicros);
      } catch (DataAccessException e) {
        log.debug("rate limit purge failed: {}", e.getMessage());
      }
    }
  }

  /**
   * Like {@link #tryAcquire}, but throws when the bucket is empty.
   *
   * @throws RateLimitedException carrying how long to wait
   */
  public void acquire(RateLimitAction action, Optional<UUID> userId, String ip) {
    Decision decision = tryAcquire(action, userId, ip);
    if (!decision.allowed()) {
      throw new RateLimitedException(action, decision.retryAfter());
    }
  }

  /**
   * The answer of one acquisition.
   *
   * @param retryAfter when refused, how long until a token is back; zero when allowed
   */
  public record Decision(boolean allowed, Duration retryAfter) {
    static final Decision ALLOWED = new Decision(true, Duration.ZERO);

    /** Whole seconds for a {@code Retry-After} header: rounded up, at least 1. */
    public long retryAfterSeconds() {
      long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
      return Math.max(1, seconds);
    }
  }
}
