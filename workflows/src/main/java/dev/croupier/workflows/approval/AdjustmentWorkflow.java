package dev.croupier.workflows.approval;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One staff balance adjustment, {@code adjustment-<requestId>}. Under the threshold it is posted at
 * once; over it, it waits for a second ADMIN's {@link #approve} or {@link #reject} until {@code
 * approvalTtl} runs out (then it expires, nothing posted). The one who asked can never decide.
 */
@WorkflowInterface
public interface AdjustmentWorkflow {

  /** Runs the adjustment to its end and returns how it ended. */
  @WorkflowMethod
  AdjustmentStatus run(AdjustmentRequest request);

  /**
   * A second ADMIN approves: the adjustment is posted, and the answer is how that ended.
   *
   * <p>Refused before anything is written to history: {@code SELF_APPROVAL} (the requester), {@code
   * FORBIDDEN} (not an ADMIN), {@code APPROVAL_CLOSED} (decided or expired already).
   */
  @UpdateMethod
  AdjustmentStatus approve(Vote vote);

  @UpdateValidatorMethod(updateName = "approve")
  void validateApprove(Vote vote);

  /** A second ADMIN rejects: nothing is posted. Refused as {@link #approve} is. */
  @UpdateMethod
  AdjustmentStatus reject(Vote vote);

  @UpdateValidatorMethod(updateName = "reject")
  void validateReject(Vote vote);

  /** Where the adjustment is now. */
  @QueryMethod
  AdjustmentStatus status();
}
