package dev.croupier.gateway.identity;

import static dev.croupier.db.jooq.identity.Tables.RATE_LIMITS;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * The shared buckets in {@code identity.rate_limits}, as a generic cell rate algorithm: a bucket is
 * the theoretical arrival time (TAT) of its next request. One atomic upsert per request takes a
 * token or refuses, whichever node runs it.
 */
@Component
class RateLimitRepository {
  private final DSLContext dsl;

  RateLimitRepository(DSLContext dsl) {
    this.dsl = dsl;
  }

  /**
   * Takes one token of {@code key} at {@code nowMicros}, for a bucket of {@code periodMicros} per
   * {@code capacity} tokens.
   *
   * @return empty when a token was taken; else how many microseconds until one is back
   */
  Optional<Long> take(String key, long nowMicros, long capacity, long periodMicros) {
    long interval = Math.max(1, periodMicros / capacity);
    var next = DSL.greatest(RATE_LIMITS.TAT_MICROS, DSL.val(nowMicros)).plus(interval);
    boolean taken =
        dsl.insertInto(RATE_LIMITS)
                .set(RATE_LIMITS.BUCKET_KEY, key)
                .set(RATE_LIMITS.TAT_MICROS, nowMicros + interval)
                .onConflict(RATE_LIMITS.BUCKET_KEY)
                .doUpdate()
                .set(RATE_LIMITS.TAT_MICROS, next)
                .where(next.minus(nowMicros).le(interval * capacity))
                .execute()
            == 1;
    if (taken) {
      return Optional.empty();
    }
    Long tat =
        dsl.select(RATE_LIMITS.TAT_MICROS)
            .from(RATE_LIMITS)
            .where(RATE_LIMITS.BUCKET_KEY.eq(key))
            .fetchOne(RATE_LIMITS.TAT_MICROS);
    long wait =
        tat == null
            ? interval
            : Math.max(tat, nowMicros) + interval - nowMicros - interval * capacity;
    return Optional.of(Math.max(1, wait));
  }

  /** Forgets buckets that are full again (their TAT is in the past): they hold no state. */
  int purge(long nowMicros) {
    return dsl.deleteFrom(RATE_LIMITS).where(RATE_LIMITS.TAT_MICROS.lt(nowMicros)).execute();
  }
}
