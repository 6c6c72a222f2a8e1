package dev.croupier.gateway.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Token-bucket limits under {@code croupier.rate-limits}, shared by every gateway node. Every
 * action has two kinds of bucket: one per client IP address ({@code per-ip}, used before the user
 * is known) and one per user, whatever the address ({@code per-user}). An action configured at all
 * needs both.
 *
 * @param idleExpiry how often buckets that are full again are purged from the shared store
 */
@Validated
@ConfigurationProperties("croupier.rate-limits")
public record RateLimitProperties(
    @DefaultValue("10m") @NotNull Duration idleExpiry,
    @Nullable @Valid ActionLimits login,
    @Nullable @Valid ActionLimits register,
    @Nullable @Valid ActionLimits refresh,
    @Nullable @Valid ActionLimits wsMessage,
    @Nullable @Valid ActionLimits chat) {

  public RateLimitProperties {
    // Scripts are slowed down, people are not: a person logs in a few times a day.
    login = or(login, ActionLimits.of(20, Duration.ofMinutes(1), 10, Duration.ofMinutes(1)));
    register =
        or(register, ActionLimits.of(10, Duration.ofMinutes(10), 10, Duration.ofMinutes(10)));
    refresh = or(refresh, ActionLimits.of(60, Duration.ofMinutes(1), 30, Duration.ofMinutes(1)));
    wsMessage =
        or(wsMessage, ActionLimits.of(200, Duration.ofSeconds(1), 50, Duration.ofSeconds(1)));
    chat = or(chat, ActionLimits.of(60, Duration.ofSeconds(10), 5, Duration.ofSeconds(10)));
  }

  /** A bucket of {@code capacity} tokens that refills all of them, evenly, over {@code period}. */
  public record Limit(@Positive long capacity, @NotNull Duration period) {}

  public record ActionLimits(@NotNull @Valid Limit perIp, @NotNull @Valid Limit perUser) {
    static ActionLimits of(
        long ipCapacity, Duration ipPeriod, long userCapacity, Duration userPeriod) {
      return new ActionLimits(new Limit(ipCapacity, ipPeriod), new Limit(userCapacity, userPeriod));
    }
  }

  public ActionLimits limits(RateLimitAction action) {
    return switch (action) {
      case LOGIN -> login;
      case REGISTER -> register;
      case REFRESH -> refresh;
      case WS_MESSAGE -> wsMessage;
      case CHAT -> chat;
    };
  }

  private static ActionLimits or(@Nullable ActionLimits configured, ActionLimits fallback) {
    return configured != null ? configured : fallback;
  }
}
