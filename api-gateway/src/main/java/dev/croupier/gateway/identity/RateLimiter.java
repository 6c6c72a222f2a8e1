package dev.croupier.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) keyed by (user ID or anonymous, client IP address, action). One instance
 * serves REST and the WebSocket gateway, so a script cannot dodge the limit by switching transport.
 * Buckets live in this JVM: with N gateway nodes behind a balancer that spreads a client over them,
 * the effective limit is up to N times the configured one.
 */
@Component
public class RateLimiter {
  private static final String ANONYMOUS = "anonymous";

  private final RateLimitProperties properties;
  private final Cache<Key, Bucket> buckets;
  private final Map<RateLimitAction, Counter> refusals = new EnumMap<>(RateLimitAction.class);

  /**
   * @param meters where {@code croupier.gateway.rate_limit.refusals{action}} goes
   */
  public RateLimiter(RateLimitProperties properties, MeterRegistry meters) {
    this.properties = properties;
    for (RateLimitAction action : RateLimitAction.values()) {
      refusals.put(
          action,
          Counter.builder("croupier.gateway.rate_limit.refusals")
              .description("Requests refused by a rate limit, by action")
              .tag("action", action.name().toLowerCase(java.util.Locale.ROOT))
              .register(meters));
    }
    this.buckets =
        Caffeine.newBuilder()
            .expireAfterAccess(properties.idleExpiry())
            .maximumSize(properties.maxKeys())
            .build();
  }

  /**
   * Takes one token from the bucket of {@code (userId, ip, action)}; with no user, from the
   * address's own bucket for the action. Never blocks and never throws.
   *
   * @param userId the authenticated user, or empty before the user is known
   * @param ip the client's address as the servlet container resolved it
   */
  public Decision tryAcquire(RateLimitAction action, Optional<UUID> userId, String ip) {
    RateLimitProperties.ActionLimits limits = properties.limits(action);
    RateLimitProperties.Limit limit = userId.isPresent() ? limits.perUser() : limits.perIp();
    Key key = new Key(action, userId.map(UUID::toString).orElse(ANONYMOUS), ip);
    Bucket bucket = buckets.get(key, k -> newBucket(limit));
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return Decision.ALLOWED;
    }
    refusals.get(action).increment();
    return new Decision(false, Duration.ofNanos(probe.getNanosToWaitForRefill()));
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

  private static Bucket newBucket(RateLimitProperties.Limit limit) {
    return Bucket.builder()
        .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
        .build();
  }

  private record Key(RateLimitAction action, String subject, String ip) {}

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
