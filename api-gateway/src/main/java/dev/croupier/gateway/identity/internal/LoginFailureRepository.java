package dev.croupier.gateway.identity.internal;

import static dev.croupier.db.jooq.identity.Tables.LOGIN_FAILURES;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Queries on {@code identity.login_failures}; the caller passes the transaction's context. */
@Component
final class LoginFailureRepository {

  /** One source's failures against one email. */
  record Failures(String source, int failures, Instant lastFailureAt, Instant lockedUntil) {}

  List<Failures> find(DSLContext tx, byte[] emailHash, List<String> sources) {
    return tx.selectFrom(LOGIN_FAILURES)
        .where(LOGIN_FAILURES.EMAIL_HASH.eq(emailHash).and(LOGIN_FAILURES.SOURCE.in(sources)))
        .fetch(
            r ->
                new Failures(
                    r.getSource(),
                    r.getFailures(),
                    r.getLastFailureAt().toInstant(),
                    r.getLockedUntil() == null ? null : r.getLockedUntil().toInstant()));
  }

  /** Adds one failure for {@code source} (locking it until {@code lockUntil} when given). */
  void upsert(
      DSLContext tx,
      byte[] emailHash,
      String source,
      int failures,
      Instant now,
      OffsetDateTime lockUntil) {
    tx.insertInto(LOGIN_FAILURES)
        .set(LOGIN_FAILURES.EMAIL_HASH, emailHash)
        .set(LOGIN_FAILURES.SOURCE, source)
        .set(LOGIN_FAILURES.FAILURES, failures)
        .set(LOGIN_FAILURES.LAST_FAILURE_AT, UserRepository.at(now))
        .set(LOGIN_FAILURES.LOCKED_UNTIL, lockUntil)
        .onConflict(LOGIN_FAILURES.EMAIL_HASH, LOGIN_FAILURES.SOURCE)
        .doUpdate()
        .set(LOGIN_FAILURES.FAILURES, failures)
        .set(LOGIN_FAILURES.LAST_FAILURE_AT, UserRepository.at(now))
        .set(LOGIN_FAILURES.LOCKED_UNTIL, lockUntil)
        .execute();
  }

  void clear(DSLContext tx, byte[] emailHash, List<String> sources) {
    tx.deleteFrom(LOGIN_FAILURES)
        .where(LOGIN_FAILURES.EMAIL_HASH.eq(emailHash).and(LOGIN_FAILURES.SOURCE.in(sources)))
        .execute();
  }

  /** Forgets failures older than {@code before}: a quiet source starts again from zero. */
  int purge(DSLContext tx, Instant before) {
    return tx.deleteFrom(LOGIN_FAILURES)
        .where(LOGIN_FAILURES.LAST_FAILURE_AT.lt(UserRepository.at(before)))
        .and(
            LOGIN_FAILURES
                .LOCKED_UNTIL
                .isNull()
                .or(LOGIN_FAILURES.LOCKED_UNTIL.lt(UserRepository.at(before))))
        .execute();
  }
}
