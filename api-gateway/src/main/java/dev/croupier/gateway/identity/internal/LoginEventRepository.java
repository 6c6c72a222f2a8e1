package dev.croupier.gateway.identity.internal;

import static dev.croupier.db.jooq.identity.Tables.LOGIN_EVENTS;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Appends to {@code identity.login_events}, the sign-in audit, and counts each attempt in {@code
 * croupier.identity.logins{method, outcome}} ({@code outcome} {@code success}, {@code failure},
 * {@code locked} when this failure locked the account, {@code rejected_locked} for an attempt while
 * locked).
 */
@Component
final class LoginEventRepository {
  private final MeterRegistry meters;

  LoginEventRepository(MeterRegistry meters) {
    this.meters = meters;
  }

  enum Method {
    PASSWORD,
    OIDC
  }

  enum Outcome {
    SUCCESS,
    FAILURE,
    /** This failure locked the account. */
    LOCKED,
    /** An attempt while the account was locked. */
    REJECTED_LOCKED
  }

  void record(
      DSLContext tx, @Nullable UUID userId, String ip, Method method, Outcome outcome, Instant at) {
    tx.insertInto(LOGIN_EVENTS)
        .set(LOGIN_EVENTS.USER_ID, userId)
        .set(LOGIN_EVENTS.IP, ip)
        .set(LOGIN_EVENTS.METHOD, method.name())
        .set(LOGIN_EVENTS.OUTCOME, outcome.name())
        .set(LOGIN_EVENTS.OCCURRED_AT, UserRepository.at(at))
        .execute();
    Counter.builder("croupier.identity.logins")
        .description("Sign-in attempts by method and outcome")
        .tag("method", method.name().toLowerCase(java.util.Locale.ROOT))
        .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
        .register(meters)
        .increment();
  }
}
