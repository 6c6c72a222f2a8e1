package dev.croupier.admin.approvals;

import static dev.croupier.db.jooq.admin.Tables.ADJUSTMENTS;
import static dev.croupier.db.jooq.admin.Tables.STAFF;

import dev.croupier.admin.AdminProperties;
import dev.croupier.admin.audit.Actor;
import dev.croupier.admin.audit.AuditJson;
import dev.croupier.admin.audit.AuditLog;
import dev.croupier.admin.audit.Outcome;
import dev.croupier.db.jooq.admin.tables.records.AdjustmentsRecord;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.workflows.approval.AdjustmentRequest;
import dev.croupier.workflows.approval.AdjustmentState;
import dev.croupier.workflows.approval.AdjustmentStatus;
import dev.croupier.workflows.approval.AdjustmentWorkflow;
import dev.croupier.workflows.approval.Vote;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff balance adjustments. A request is written to {@code admin.adjustments} with its audit row
 * in one transaction, under the admin request id that the form carries (a second submit of the same
 * form finds its first), then handed to the approval workflow {@code adjustment-<request id>}:
 * under the currency's threshold it posts at once and the request waits for the answer; over it, it
 * waits for a second ADMIN.
 */
public final class Adjustments {
  private static final Logger log = LoggerFactory.getLogger(Adjustments.class);
  private static final long MAX_AMOUNT = 1_000_000_000_000L;

  /**
   * One adjustment as the pages show it.
   *
   * @param requestedByEmail who asked
   * @param decidedByEmail who approved or rejected, if anyone
   */
  public record Adjustment(
      UUID requestId,
      UUID userId,
      String currency,
      String kind,
      long amount,
      String reason,
      String status,
      boolean needsApproval,
      UUID requestedBy,
      String requestedByEmail,
      Instant requestedAt,
      Instant expiresAt,
      String decidedByEmail,
      Long transactionId,
      String failureCode) {

    public boolean pending() {
      return AdjustmentState.PENDING_APPROVAL.name().equals(status);
    }
  }

  private final DSLContext dsl;
  private final AuditLog audit;
  private final WorkflowClient temporal;
  private final AdminProperties properties;
  private final Clock clock;

  public Adjustments(
      DSLContext dsl,
      AuditLog audit,
      WorkflowClient temporal,
      AdminProperties properties,
      Clock clock) {
    this.dsl = dsl;
    this.audit = audit;
    this.temporal = temporal;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Asks for an adjustment. Idempotent under {@code requestId}: the same request again returns
   * where the first one is; the same id with other content is {@code DUPLICATE_REQUEST}.
   *
   * @param amount minor units: positive credits the player; a GRANT must be positive
   * @throws CroupierException {@code VALIDATION_FAILED}, {@code INVALID_AMOUNT}, {@code
   *     DUPLICATE_REQUEST}, or the wallet's refusal of a post made at once
   */
  public Adjustment request(
      Actor actor,
      UUID requestId,
      UUID userId,
      String currency,
      String kind,
      long amount,
      String reason) {
    String why = AuditJson.reason(reason);
    String k = kind == null ? "" : kind.toUpperCase(Locale.ROOT);
    if (!k.equals("GRANT") && !k.equals("ADJUSTMENT")) {
      throw new CroupierException(ErrorCode.VALIDATION_FAILED, "kind: GRANT or ADJUSTMENT");
    }
    if (amount == 0 || Math.abs(amount) > MAX_AMOUNT || (k.equals("GRANT") && amount < 0)) {
      throw new CroupierException(
          ErrorCode.INVALID_AMOUNT,
          "amount: not zero, at most 10,000,000,000.00, and positive for a GRANT");
    }
    if (!properties.approvals().thresholds().containsKey(currency)) {
      throw new CroupierException(
          ErrorCode.VALIDATION_FAILED, "currency: not one the back office adjusts");
    }
    boolean needsApproval = Math.abs(amount) > properties.approvals().threshold(currency);
    Duration ttl = properties.approvals().ttl();
    AdjustmentRequest request =
        new AdjustmentRequest(
            requestId,
            userId,
            currency,
            k,
            amount,
            why,
            actor.staff().staffId(),
            needsApproval,
            ttl);
    boolean fresh =
        dsl.transactionResult(
            c -> {
              DSLContext tx = c.dsl();
              Optional<AdjustmentsRecord> existing =
                  tx.selectFrom(ADJUSTMENTS)
                      .where(ADJUSTMENTS.REQUEST_ID.eq(requestId))
                      .fetchOptional();
              if (existing.isPresent()) {
                AdjustmentsRecord e = existing.get();
                if (!e.getUserId().equals(userId)
                    || e.getAmount() != amount
                    || !e.getKind().equals(k)
                    || !e.getCurrency().equals(currency)) {
                  throw new CroupierException(
                      ErrorCode.DUPLICATE_REQUEST, "this form was already sent with other values");
                }
                return false;
              }
              Instant now = clock.instant();
              tx.insertInto(ADJUSTMENTS)
                  .set(ADJUSTMENTS.REQUEST_ID, requestId)
                  .set(ADJUSTMENTS.USER_ID, userId)
                  .set(ADJUSTMENTS.CURRENCY, currency)
                  .set(ADJUSTMENTS.KIND, k)
                  .set(ADJUSTMENTS.AMOUNT, amount)
                  .set(ADJUSTMENTS.REASON, why)
                  .set(
                      ADJUSTMENTS.STATUS,
                      needsApproval
                          ? AdjustmentState.PENDING_APPROVAL.name()
                          : AdjustmentState.POSTING.name())
                  .set(ADJUSTMENTS.REQUESTED_BY, actor.staff().staffId())
                  .set(ADJUSTMENTS.REQUESTED_AT, now.atOffset(ZoneOffset.UTC))
                  .set(ADJUSTMENTS.NEEDS_APPROVAL, needsApproval)
                  .set(
                      ADJUSTMENTS.EXPIRES_AT,
                      needsApproval ? now.plus(ttl).atOffset(ZoneOffset.UTC) : null)
                  .execute();
              audit.append(
                  tx,
                  actor,
                  new AuditLog.Event(
                      "adjustment.request",
                      "player:" + userId,
                      why,
                      null,
                      AuditJson.of(
                          "requestId", requestId.toString(),
                          "kind", k,
                          "amount", amount,
                          "currency", currency,
                          "needsApproval", needsApproval),
                      Outcome.OK));
              return true;
            });
    start(request);
    if (!needsApproval && fresh) {
      awaitEnd(requestId, Duration.ofSeconds(30));
    }
    return find(requestId).orElseThrow();
  }

  /**
   * A second ADMIN approves. Audited whatever happens.
   *
   * @throws CroupierException {@code SELF_APPROVAL}, {@code FORBIDDEN}, {@code APPROVAL_CLOSED},
   *     {@code UNKNOWN_ADJUSTMENT}
   */
  public Adjustment approve(Actor actor, UUID requestId, String reason) {
    return decide(actor, requestId, reason, true);
  }

  /** A second ADMIN rejects: nothing is posted. Refused as {@link #approve} is. */
  public Adjustment reject(Actor actor, UUID requestId, String reason) {
    return decide(actor, requestId, reason, false);
  }

  private Adjustment decide(Actor actor, UUID requestId, String reason, boolean approve) {
    String why = AuditJson.reason(reason);
    String action = approve ? "adjustment.approve" : "adjustment.reject";
    find(requestId)
        .orElseThrow(
            () -> new CroupierException(ErrorCode.UNKNOWN_ADJUSTMENT, "no such adjustment"));
    AdjustmentWorkflow wf =
        temporal.newWorkflowStub(AdjustmentWorkflow.class, AdjustmentRequest.workflowId(requestId));
    Vote vote = new Vote(actor.staff().staffId(), actor.staff().role().name(), why);
    try {
      AdjustmentStatus status = approve ? wf.approve(vote) : wf.reject(vote);
      audit.append(
          actor,
          new AuditLog.Event(
              action,
              "adjustment:" + requestId,
              why,
              null,
              AuditJson.of("state", status.state().name(), "transactionId", status.transactionId()),
              Outcome.OK));
    } catch (WorkflowNotFoundException e) {
      // The workflow has ended: the adjustment was decided or expired already.
      audit.append(
          actor,
          new AuditLog.Event(
              action,
              "adjustment:" + requestId,
              why,
              null,
              AuditJson.of("code", ErrorCode.APPROVAL_CLOSED.name()),
              Outcome.REFUSED));
      throw new CroupierException(
          ErrorCode.APPROVAL_CLOSED, "this adjustment was already decided or has expired");
    } catch (WorkflowUpdateException e) {
      ErrorCode code = codeOf(e).orElse(ErrorCode.UNAVAILABLE);
      audit.append(
          actor,
          new AuditLog.Event(
              action,
              "adjustment:" + requestId,
              why,
              null,
              AuditJson.of("code", code.name()),
              Outcome.REFUSED));
      throw new CroupierException(code, code.description());
    }
    return find(requestId).orElseThrow();
  }

  /** Adjustments waiting for a second ADMIN, oldest first. */
  public List<Adjustment> pending() {
    return query(ADJUSTMENTS.STATUS.eq(AdjustmentState.PENDING_APPROVAL.name()), false, 200);
  }

  /** The most recent adjustments, newest first. */
  public List<Adjustment> recent(int limit) {
    return query(org.jooq.impl.DSL.trueCondition(), true, limit);
  }

  /** A player's adjustments, newest first. */
  public List<Adjustment> of(UUID userId, int limit) {
    return query(ADJUSTMENTS.USER_ID.eq(userId), true, limit);
  }

  public Optional<Adjustment> find(UUID requestId) {
    return query(ADJUSTMENTS.REQUEST_ID.eq(requestId), true, 1).stream().findFirst();
  }

  /**
   * Starts the workflow of every adjustment not at its end, in case the app stopped between writing
   * a request and starting its workflow: a start of a running one changes nothing.
   */
  public int resume() {
    int n = 0;
    for (AdjustmentsRecord r :
        dsl.selectFrom(ADJUSTMENTS)
            .where(
                ADJUSTMENTS.STATUS.in(
                    AdjustmentState.PENDING_APPROVAL.name(), AdjustmentState.POSTING.name()))
            .fetch()) {
      Duration left =
          r.getExpiresAt() == null
              ? properties.approvals().ttl()
              : Duration.between(clock.instant(), r.getExpiresAt().toInstant());
      start(
          new AdjustmentRequest(
              r.getRequestId(),
              r.getUserId(),
              r.getCurrency(),
              r.getKind(),
              r.getAmount(),
              r.getReason(),
              r.getRequestedBy(),
              r.getNeedsApproval(),
              left.isNegative() ? Duration.ZERO : left));
      n++;
    }
    return n;
  }

  private void start(AdjustmentRequest request) {
    AdjustmentWorkflow wf =
        temporal.newWorkflowStub(
            AdjustmentWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(properties.temporal().taskQueue())
                .setWorkflowId(AdjustmentRequest.workflowId(request.requestId()))
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      WorkflowClient.start(wf::run, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      log.debug("adjustment {} is already running", request.requestId());
    }
  }

  private void awaitEnd(UUID requestId, Duration timeout) {
    try {
      temporal
          .newUntypedWorkflowStub(AdjustmentRequest.workflowId(requestId))
          .getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, AdjustmentStatus.class);
    } catch (TimeoutException e) {
      // Still posting (the wallet is slow or away): the page shows POSTING, the workflow goes on.
    }
  }

  private List<Adjustment> query(org.jooq.Condition where, boolean newestFirst, int limit) {
    var requester = STAFF.as("requester");
    var decider = STAFF.as("decider");
    var requestedBy = requester.EMAIL.as("requested_by_email");
    var decidedBy = decider.EMAIL.as("decided_by_email");
    return dsl.select(ADJUSTMENTS.asterisk(), requestedBy, decidedBy)
        .from(ADJUSTMENTS)
        .join(requester)
        .on(requester.STAFF_ID.eq(ADJUSTMENTS.REQUESTED_BY))
        .leftJoin(decider)
        .on(decider.STAFF_ID.eq(ADJUSTMENTS.DECIDED_BY))
        .where(where)
        .orderBy(newestFirst ? ADJUSTMENTS.REQUESTED_AT.desc() : ADJUSTMENTS.REQUESTED_AT.asc())
        .limit(limit)
        .fetch(r -> adjustment(r.into(ADJUSTMENTS), r.get(requestedBy), r.get(decidedBy)));
  }

  private static Adjustment adjustment(AdjustmentsRecord a, String requestedBy, String decidedBy) {
    return new Adjustment(
        a.getRequestId(),
        a.getUserId(),
        a.getCurrency(),
        a.getKind(),
        a.getAmount(),
        a.getReason(),
        a.getStatus(),
        a.getNeedsApproval(),
        a.getRequestedBy(),
        requestedBy,
        a.getRequestedAt().toInstant(),
        a.getExpiresAt() == null ? null : a.getExpiresAt().toInstant(),
        decidedBy,
        a.getTransactionId(),
        a.getFailureCode());
  }

  private static Optional<ErrorCode> codeOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af) {
        Optional<ErrorCode> code = ErrorCode.named(af.getType());
        if (code.isPresent()) {
          return code;
        }
      }
      // SDK 1.38 reports a validator's failure with the code leading its message only.
      if (t.getMessage() != null) {
        for (ErrorCode c : ErrorCode.values()) {
          if (t.getMessage().contains(c.name() + ":")) {
            return Optional.of(c);
          }
        }
      }
    }
    return Optional.empty();
  }
}
