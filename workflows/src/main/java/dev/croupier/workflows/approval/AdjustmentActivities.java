package dev.croupier.workflows.approval;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What the approval workflow asks of the admin app, which owns schema admin and its wallet key. */
@ActivityInterface(namePrefix = "Adjustment.")
public interface AdjustmentActivities {

  /**
   * Posts the adjustment to the wallet under {@code admin/<requestId>}: a GRANT from the promo
   * budget, or an ADJUSTMENT to or from the house. Idempotent: a retry after an unknown outcome is
   * the lookup, and gets the original result.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable, typed with the wallet's error
   *     code, when the wallet refuses it (nothing was posted)
   */
  @ActivityMethod
  Posted post(AdjustmentRequest request);

  /**
   * Records where the adjustment is in the admin projection and in the audit log. Idempotent per
   * (request, state).
   */
  @ActivityMethod
  void record(AdjustmentRequest request, AdjustmentStatus status);
}
