package dev.croupier.admin.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The audit log's hash chain, as {@code admin/README.md} specifies it for anyone who wants to check
 * it without our code: {@code hash = SHA-256(prev_hash || canonical(row))}, the first row's {@code
 * prev_hash} being 32 zero bytes. {@code canonical} writes the fields in a fixed order, each as
 * {@code <UTF-8 byte length>:<value>;}, or {@code ~;} for null: seq (decimal), occurred_at
 * (ISO-8601 UTC, six fraction digits), staff_id, staff_email, role, action, target, reason, before,
 * after, outcome, request_id, ip, user_agent.
 */
public final class AuditChain {
  /** The {@code prev_hash} of the first row. */
  public static final byte[] GENESIS = new byte[32];

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private AuditChain() {}

  /** Timestamps are kept to the microsecond, as PostgreSQL stores them. */
  public static Instant truncate(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS);
  }

  /** The canonical form of a row. */
  public static String canonical(AuditRow r) {
    StringBuilder b = new StringBuilder(256);
    field(b, Long.toString(r.seq()));
    field(b, TIME.format(r.occurredAt()));
    field(b, r.staffId() == null ? null : r.staffId().toString());
    field(b, r.staffEmail());
    field(b, r.role());
    field(b, r.action());
    field(b, r.target());
    field(b, r.reason());
    field(b, r.before());
    field(b, r.after());
    field(b, r.outcome());
    field(b, r.requestId());
    field(b, r.ip());
    field(b, r.userAgent());
    return b.toString();
  }

  /** The row's hash, chained to {@code prevHash}. */
  public static byte[] hash(byte[] prevHash, AuditRow r) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(prevHash);
      sha.update(canonical(r).getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void field(StringBuilder b, String value) {
    if (value == null) {
      b.append("~;");
      return;
    }
    b.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value).append(';');
  }
}
