package dev.croupier.admin.approvals;

import static dev.croupier.db.jooq.admin.Tables.ADJUSTMENTS;
import static dev.croupier.db.jooq.admin.Tables.AUDIT_LOG;

import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.admin.platform.AdminWallet;
import dev.croupier.errors.CroupierException;
import dev.croupier.workflows.approval.AdjustmentActivities;
import dev.croupier.workflows.approval.AdjustmentRequest;
import dev.croupier.workflows.approval.AdjustmentState;
import dev.croupier.workflows.approval.AdjustmentStatus;
import dev.croupier.workflows.approval.Posted;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The approval workflow's effects: the wallet post under admin's own service identity, and the
 * record of each state in {@code admin.adjustments} and the audit log (by the workflow, as
 * "approval workflow", under the adjustment's request id).
 */
final class AdjustmentActivitiesImpl implements AdjustmentActivities {
  private final AdminWallet wallet;
  private final DSLContext dsl;
  private final AuditLog audit;
  private final Clock clock;

  AdjustmentActivitiesImpl(AdminWallet wallet, DSLContext dsl, AuditLog audit, Clock clock) {
    this.wallet = wallet;
    this.dsl = dsl;
    this.audit = audit;
    this.clock = clock;
  }

  @Override
  public Posted post(AdjustmentRequest r) {
    try {
      AdminWallet.Post p =
          wallet.postAdjustment(
              AdjustmentRequest.idempotencyKey(r.requestId()),
              r.userId(),
              r.currency(),
              r.kind(),
              r.amount(),
              Map.of(
                  "reason", r.reason(),
                  "requested_by", r.requestedBy().toString(),
                  "admin_request_id", r.requestId().toString()));
      return new Posted(p.transactionId(), p.balanceAfter(), p.replayed());
    } catch (CroupierException e) {
      if (e.code().retryable()) {
        // Unknown outcome: the retry posts again under the same key, which is the lookup.
        throw e;
      }
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), e.code().name());
    }
  }

  @Override
  public void record(AdjustmentRequest r, AdjustmentStatus status) {
    String action = "adjustment." + status.state().name().toLowerCase().replace('_', '-');
    String requestId = r.requestId().toString();
    dsl.transaction(
        c -> {
          DSLContext tx = c.dsl();
          var update =
              tx.update(ADJUSTMENTS)
                  .set(ADJUSTMENTS.STATUS, status.state().name())
                  .set(ADJUSTMENTS.TRANSACTION_ID, status.transactionId())
                  .set(ADJUSTMENTS.FAILURE_CODE, status.failureCode());
          if (status.decidedBy() != null) {
            update =
                update
                    .set(ADJUSTMENTS.DECIDED_BY, status.decidedBy())
                    .set(ADJUSTMENTS.DECIDED_AT, clock.instant().atOffset(ZoneOffset.UTC));
          }
          update.where(ADJUSTMENTS.REQUEST_ID.eq(r.requestId())).execute();
          // A retried activity records each state once.
          boolean recorded =
              tx.fetchExists(
                  AUDIT_LOG, AUDIT_LOG.REQUEST_ID.eq(requestId).and(AUDIT_LOG.ACTION.eq(action)));
          if (!recorded && status.state() != AdjustmentState.PENDING_APPROVAL) {
            audit.append(
                tx,
                new Actor(null, requestId, "approval-workflow", "approval workflow"),
                new AuditLog.Event(
                    action,
                    "player:" + r.userId(),
                    null,
                    null,
                    AuditJson.of(
                        "state", status.state().name(),
                        "amount", r.amount(),
                        "currency", r.currency(),
                        "kind", r.kind(),
                        "transactionId", status.transactionId(),
                        "failureCode", status.failureCode()),
                    switch (status.state()) {
                      case POSTED -> Outcome.OK;
                      case FAILED -> Outcome.FAILED;
                      default -> Outcome.REFUSED;
                    }));
          }
        });
  }
}
