package dev.croupier.workflows.approval;

import dev.croupier.errors.ErrorCode;
import dev.croupier.workflows.WorkflowFailures;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.UUID;

/**
 * The approval workflow. Its only effects are the two activities: the wallet post under the
 * request's key, and the projection and audit record of each state it reaches.
 */
public final class AdjustmentWorkflowImpl implements AdjustmentWorkflow {
  /**
   * The wallet post is retried until the wallet answers (an unknown outcome is looked up by posting
   * again under the same key), a minute apart at most; a refusal is final.
   */
  private final AdjustmentActivities activities =
      Workflow.newActivityStub(
          AdjustmentActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(15))
              .setScheduleToCloseTimeout(Duration.ofDays(7))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setBackoffCoefficient(2)
                      .setMaximumInterval(Duration.ofMinutes(1))
                      .build())
              .build());

  private AdjustmentRequest request;
  private AdjustmentState state = AdjustmentState.PENDING_APPROVAL;
  private Boolean approved;
  private UUID decidedBy;
  private Long transactionId;
  private Long balanceAfter;
  private String failureCode;
  // Set once the final state is recorded: a decision's answer waits for it, so the pages already
  // show what the answer says.
  private boolean recorded;

  @Override
  public AdjustmentStatus run(AdjustmentRequest request) {
    this.request = request;
    if (request.needsApproval()) {
      activities.record(request, status());
      boolean decided = Workflow.await(request.approvalTtl(), () -> approved != null);
      if (!decided) {
        state = AdjustmentState.EXPIRED;
        return finish();
      }
      if (!approved) {
        state = AdjustmentState.REJECTED;
        return finish();
      }
    }
    state = AdjustmentState.POSTING;
    try {
      Posted posted = activities.post(request);
      transactionId = posted.transactionId();
      balanceAfter = posted.balanceAfter();
      state = AdjustmentState.POSTED;
    } catch (ActivityFailure f) {
      String code = WorkflowFailures.failureType(f);
      failureCode = WorkflowFailures.isCatalogued(code) ? code : ErrorCode.INTERNAL.name();
      state = AdjustmentState.FAILED;
    }
    return finish();
  }

  private AdjustmentStatus finish() {
    activities.record(request, status());
    recorded = true;
    return status();
  }

  @Override
  public AdjustmentStatus approve(Vote vote) {
    return decide(vote, true);
  }

  @Override
  public void validateApprove(Vote vote) {
    validate(vote);
  }

  @Override
  public AdjustmentStatus reject(Vote vote) {
    return decide(vote, false);
  }

  @Override
  public void validateReject(Vote vote) {
    validate(vote);
  }

  @Override
  public AdjustmentStatus status() {
    return new AdjustmentStatus(state, decidedBy, transactionId, balanceAfter, failureCode);
  }

  private AdjustmentStatus decide(Vote vote, boolean approve) {
    decidedBy = vote.staffId();
    approved = approve;
    // The answer is how it ended (posted, refused by the wallet, or rejected), once recorded.
    Workflow.await(() -> recorded);
    return status();
  }

  private void validate(Vote vote) {
    if (request == null || !request.needsApproval()) {
      throw WorkflowFailures.fail(ErrorCode.APPROVAL_CLOSED, "this adjustment needs no approval");
    }
    if (vote.staffId().equals(request.requestedBy())) {
      throw WorkflowFailures.fail(
          ErrorCode.SELF_APPROVAL, "the one who asked for an adjustment cannot decide it");
    }
    if (!"ADMIN".equals(vote.role())) {
      throw WorkflowFailures.fail(ErrorCode.FORBIDDEN, "only an ADMIN decides an adjustment");
    }
    if (approved != null || state != AdjustmentState.PENDING_APPROVAL) {
      throw WorkflowFailures.fail(
          ErrorCode.APPROVAL_CLOSED, "already " + state.name().toLowerCase());
    }
  }
}
