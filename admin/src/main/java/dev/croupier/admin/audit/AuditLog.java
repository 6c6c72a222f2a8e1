package dev.croupier.admin.audit;

import static dev.croupier.db.jooq.admin.Tables.AUDIT_HEAD;
import static dev.croupier.db.jooq.admin.Tables.AUDIT_LOG;

import dev.croupier.db.jooq.admin.tables.records.AuditLogRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * The audit log: every staff action and every view of a player's personal data, appended one at a
 * time to a hash chain. An append that goes with a change in schema {@code admin} runs in the same
 * transaction as the change ({@link #append(DSLContext, Actor, Event)}), so the row and its effect
 * both happen or neither does. Appends take the chain's head row lock, so they are numbered and
 * hashed one after another.
 */
public final class AuditLog {
  private static final HexFormat HEX = HexFormat.of();

  /**
   * What happened.
   *
   * @param action a dotted verb, for example {@code flag.toggle}
   * @param target what it was done to, for example {@code flag:auto-spin}
   * @param reason why, as given
   * @param before the state before, as JSON, or null
   * @param after the state after, as JSON, or null
   * @param outcome how it ended
   */
  public record Event(
      String action, String target, String reason, String before, String after, Outcome outcome) {
    public static Event of(String action, String target, Outcome outcome) {
      return new Event(action, target, null, null, null, outcome);
    }
  }

  /**
   * What a check of the chain found.
   *
   * @param rows the rows checked
   * @param firstBroken the first row that does not fit, if any
   * @param problem what is wrong with it
   */
  public record Verification(long rows, Optional<Long> firstBroken, String problem) {
    public boolean intact() {
      return firstBroken.isEmpty();
    }
  }

  /**
   * Filters for the log page; null fields do not filter.
   *
   * @param staffId by whom
   * @param action exactly this action
   * @param target exactly this target
   */
  public record Filter(UUID staffId, String action, String target) {}

  private final DSLContext dsl;
  private final Clock clock;

  public AuditLog(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** Appends in a transaction of its own. */
  public long append(Actor actor, Event event) {
    return dsl.transactionResult(c -> append(c.dsl(), actor, event));
  }

  /**
   * Appends within the caller's transaction {@code tx}: the row commits or rolls back with it.
   *
   * @return the row's sequence number
   */
  public long append(DSLContext tx, Actor actor, Event event) {
    Record2<Long, byte[]> head =
        tx.select(AUDIT_HEAD.SEQ, AUDIT_HEAD.HASH).from(AUDIT_HEAD).forUpdate().fetchSingle();
    long seq = head.value1() + 1;
    Instant now = AuditChain.truncate(clock.instant());
    AuditRow row =
        new AuditRow(
            seq,
            now,
            actor.staff() == null ? null : actor.staff().staffId(),
            actor.staff() == null ? null : actor.staff().email(),
            actor.staff() == null ? null : actor.staff().role().name(),
            event.action(),
            cut(event.target(), 256),
            cut(event.reason(), 1000),
            event.before(),
            event.after(),
            event.outcome().name(),
            actor.requestId(),
            actor.ip(),
            actor.userAgent(),
            head.value2(),
            null);
    byte[] hash = AuditChain.hash(head.value2(), row);
    tx.insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.SEQ, seq)
        .set(AUDIT_LOG.OCCURRED_AT, now.atOffset(ZoneOffset.UTC))
        .set(AUDIT_LOG.STAFF_ID, row.staffId())
        .set(AUDIT_LOG.STAFF_EMAIL, row.staffEmail())
        .set(AUDIT_LOG.ROLE, row.role())
        .set(AUDIT_LOG.ACTION, row.action())
        .set(AUDIT_LOG.TARGET, row.target())
        .set(AUDIT_LOG.REASON, row.reason())
        .set(AUDIT_LOG.BEFORE, row.before())
        .set(AUDIT_LOG.AFTER, row.after())
        .set(AUDIT_LOG.OUTCOME, row.outcome())
        .set(AUDIT_LOG.REQUEST_ID, row.requestId())
        .set(AUDIT_LOG.IP, row.ip())
        .set(AUDIT_LOG.USER_AGENT, row.userAgent())
        .set(AUDIT_LOG.PREV_HASH, head.value2())
        .set(AUDIT_LOG.HASH, hash)
        .execute();
    tx.update(AUDIT_HEAD).set(AUDIT_HEAD.SEQ, seq).set(AUDIT_HEAD.HASH, hash).execute();
    return seq;
  }

  /** Up to {@code limit} rows before {@code beforeSeq} (0: the newest), newest first. */
  public List<AuditRow> page(Filter filter, long beforeSeq, int limit) {
    Condition where = DSL.trueCondition();
    if (beforeSeq > 0) {
      where = where.and(AUDIT_LOG.SEQ.lt(beforeSeq));
    }
    if (filter.staffId() != null) {
      where = where.and(AUDIT_LOG.STAFF_ID.eq(filter.staffId()));
    }
    if (filter.action() != null && !filter.action().isBlank()) {
      where = where.and(AUDIT_LOG.ACTION.eq(filter.action()));
    }
    if (filter.target() != null && !filter.target().isBlank()) {
      where = where.and(AUDIT_LOG.TARGET.eq(filter.target()));
    }
    return dsl.selectFrom(AUDIT_LOG)
        .where(where)
        .orderBy(AUDIT_LOG.SEQ.desc())
        .limit(Math.max(1, Math.min(limit, 500)))
        .fetch(AuditLog::row);
  }

  /** The rows with this request id, oldest first: an action and how it ended. */
  public List<AuditRow> byRequest(String requestId) {
    return dsl.selectFrom(AUDIT_LOG)
        .where(AUDIT_LOG.REQUEST_ID.eq(requestId))
        .orderBy(AUDIT_LOG.SEQ)
        .fetch(AuditLog::row);
  }

  /**
   * Recomputes the whole chain from the first row and names the first row that does not fit: a
   * changed row (its hash), a removed or reordered row (the sequence or the link to the row
   * before), or removed last rows (the head).
   */
  public Verification verify() {
    return dsl.transactionResult(
        c -> {
          DSLContext tx = c.dsl();
          byte[] prev = AuditChain.GENESIS;
          long expected = 1;
          long rows = 0;
          try (Cursor<AuditLogRecord> cursor =
              tx.selectFrom(AUDIT_LOG).orderBy(AUDIT_LOG.SEQ).fetchSize(1000).fetchLazy()) {
            for (AuditLogRecord r : cursor) {
              AuditRow row = row(r);
              rows++;
              if (row.seq() != expected) {
                return broken(rows, expected, "row " + expected + " is missing");
              }
              if (!Arrays.equals(row.prevHash(), prev)) {
                return broken(rows, row.seq(), "its prev_hash is not the hash of the row before");
              }
              byte[] hash = AuditChain.hash(prev, row);
              if (!Arrays.equals(hash, row.hash())) {
                return broken(
                    rows,
                    row.seq(),
                    "its content does not hash to its hash (stored "
                        + HEX.formatHex(row.hash())
                        + ", computed "
                        + HEX.formatHex(hash)
                        + ")");
              }
              prev = row.hash();
              expected++;
            }
          }
          Record2<Long, byte[]> head =
              tx.select(AUDIT_HEAD.SEQ, AUDIT_HEAD.HASH).from(AUDIT_HEAD).fetchSingle();
          if (head.value1() != expected - 1 || !Arrays.equals(head.value2(), prev)) {
            return broken(
                rows,
                expected,
                "the chain's head is at row "
                    + head.value1()
                    + ": rows after "
                    + (expected - 1)
                    + " are missing");
          }
          return new Verification(rows, Optional.empty(), "");
        });
  }

  private static Verification broken(long rows, long seq, String problem) {
    return new Verification(rows, Optional.of(seq), problem);
  }

  static AuditRow row(AuditLogRecord r) {
    return new AuditRow(
        r.getSeq(),
        r.getOccurredAt().toInstant(),
        r.getStaffId(),
        r.getStaffEmail(),
        r.getRole(),
        r.getAction(),
        r.getTarget(),
        r.getReason(),
        r.getBefore(),
        r.getAfter(),
        r.getOutcome(),
        r.getRequestId(),
        r.getIp(),
        r.getUserAgent(),
        r.getPrevHash(),
        r.getHash());
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  /** For display: the first 12 hex digits of a hash. */
  public static String shortHash(byte[] hash) {
    return HEX.formatHex(hash).substring(0, 12);
  }
}
