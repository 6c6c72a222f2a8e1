package dev.croupier.gateway.identity.internal;

import static dev.croupier.db.jooq.identity.Tables.LOGIN_EVENTS;

import java.time.Instant;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Appends to {@code identity.login_events}, the sign-in audit. */
@Component
final class LoginEventRepository {
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
  }
}
