package dev.croupier.gateway.identity.internal;

import dev.croupier.gateway.identity.IdentityProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The three-strike rule per source. Failed password sign-ins are counted per (email, source), where
 * a source is the client's IP address and, when it names one, its device: each failure makes that
 * source wait before its next try (the slow-down doubles from {@code lockout.slowdown}), and the
 * {@code lockout.max-failures}-th failure in a row locks that source out of that email for {@code
 * lockout.duration}. Other sources, the player's own among them, are not affected, and nothing here
 * touches a session that already holds tokens. Emails are hashed (SHA-256) and counted whether or
 * not an account has them, so a known and an unknown email are answered alike.
 */
@Component
final class LoginThrottle {
  private final LoginFailureRepository failures;
  private final IdentityProperties.Lockout settings;

  LoginThrottle(LoginFailureRepository failures, IdentityProperties properties) {
    this.failures = failures;
    this.settings = properties.lockout();
  }

  /** Where an attempt comes from. */
  static List<String> sources(String ip, Optional<String> deviceId) {
    List<String> out = new ArrayList<>(2);
    out.add("ip:" + ip);
    deviceId.ifPresent(d -> out.add("device:" + d));
    return out;
  }

  static byte[] emailHash(String normalisedEmail) {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest(("croupier-login:" + normalisedEmail).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Why an attempt may not be checked now. */
  sealed interface Verdict {
    /** Go ahead and check the password. */
    record Open() implements Verdict {}

    /** Too soon after the last failure from this source: try again after the wait. */
    record SlowDown(Duration retryAfter) implements Verdict {}

    /** The source is locked out of this email until then. */
    record Locked(Instant until) implements Verdict {}
  }

  Verdict check(DSLContext tx, byte[] emailHash, List<String> sources, Instant now) {
    Instant lockedUntil = null;
    Duration wait = Duration.ZERO;
    for (LoginFailureRepository.Failures f : failures.find(tx, emailHash, sources)) {
      if (f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
        lockedUntil =
            lockedUntil == null || f.lockedUntil().isAfter(lockedUntil)
                ? f.lockedUntil()
                : lockedUntil;
      } else if (f.lockedUntil() == null) {
        Instant next = f.lastFailureAt().plus(slowdown(f.failures()));
        if (now.isBefore(next) && Duration.between(now, next).compareTo(wait) > 0) {
          wait = Duration.between(now, next);
        }
      }
    }
    if (lockedUntil != null) {
      return new Verdict.Locked(lockedUntil);
    }
    return wait.isZero() ? new Verdict.Open() : new Verdict.SlowDown(wait);
  }

  /**
   * Counts a failure for every source; returns when it locks one of them (the {@code
   * max-failures}-th failure in a row), with the time the lock ends.
   */
  Optional<Instant> recordFailure(
      DSLContext tx, byte[] emailHash, List<String> sources, Instant now) {
    Instant locked = null;
    // Forgotten failures go on the way: the table holds only the last lockout period.
    failures.purge(tx, now.minus(settings.duration()));
    List<LoginFailureRepository.Failures> known = failures.find(tx, emailHash, sources);
    for (String source : sources) {
      int before =
          known.stream()
              .filter(f -> f.source().equals(source))
              // An expired lock, or a quiet spell, starts the count again.
              .filter(
                  f ->
                      f.lockedUntil() == null
                          && now.isBefore(f.lastFailureAt().plus(settings.duration())))
              .mapToInt(LoginFailureRepository.Failures::failures)
              .findFirst()
              .orElse(0);
      int count = before + 1;
      Instant until = count >= settings.maxFailures() ? now.plus(settings.duration()) : null;
      failures.upsert(
          tx, emailHash, source, count, now, until == null ? null : UserRepository.at(until));
      if (until != null) {
        locked = until;
      }
    }
    return Optional.ofNullable(locked);
  }

  /** A successful sign-in from these sources clears their count. */
  void clear(DSLContext tx, byte[] emailHash, List<String> sources) {
    failures.clear(tx, emailHash, sources);
  }

  private Duration slowdown(int failures) {
    if (settings.slowdown().isZero() || failures >= settings.maxFailures()) {
      return Duration.ZERO;
    }
    return settings.slowdown().multipliedBy(1L << Math.min(failures - 1, 10));
  }
}
