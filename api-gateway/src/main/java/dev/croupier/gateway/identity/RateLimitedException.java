package dev.croupier.gateway.identity;

import java.time.Duration;

/**
 * A rate limit refused the request; maps to HTTP 429 with {@code Retry-After}, code RATE_LIMITED.
 */
public final class RateLimitedException extends RuntimeException {
  private final RateLimitAction action;
  private final RateLimiter.Decision decision;

  public RateLimitedException(RateLimitAction action, Duration retryAfter) {
    super("Too many " + action + " requests; retry after " + retryAfter);
    this.action = action;
    this.decision = new RateLimiter.Decision(false, retryAfter);
  }

  public RateLimitAction action() {
    return action;
  }

  /** Whole seconds to wait, rounded up, at least 1. */
  public long retryAfterSeconds() {
    return decision.retryAfterSeconds();
  }
}
