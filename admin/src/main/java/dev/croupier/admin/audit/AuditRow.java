package dev.croupier.admin.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the audit log, as stored (see {@link AuditChain} for how it is hashed).
 *
 * @param seq its position in the chain, from 1, without gaps
 * @param occurredAt when, to the microsecond
 * @param staffId who (null for an attempt by nobody signed in, such as a failed sign-in)
 * @param staffEmail their email at the time
 * @param role their role at the time
 * @param action what, for example {@code flag.toggle} or {@code player.view}
 * @param target on what, for example {@code player:<user id>} or {@code flag:auto-spin}
 * @param reason why, as the staff member gave it
 * @param before the state before, as JSON
 * @param after the state after, as JSON
 * @param outcome {@code OK}, {@code REFUSED}, {@code FAILED} or {@code ATTEMPTED}
 * @param requestId the admin request id (the idempotency key of what it caused)
 * @param ip the client's address
 * @param userAgent the client's user agent
 * @param prevHash the previous row's hash
 * @param hash this row's hash
 */
public record AuditRow(
    long seq,
    Instant occurredAt,
    UUID staffId,
    String staffEmail,
    String role,
    String action,
    String target,
    String reason,
    String before,
    String after,
    String outcome,
    String requestId,
    String ip,
    String userAgent,
    byte[] prevHash,
    byte[] hash) {}
