package dev.croupier.workflows.approval;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * A staff member's balance adjustment, as the approval workflow starts with it.
 *
 * @param requestId the admin request id: the workflow is {@code adjustment-<requestId>} and the
 *     wallet post's idempotency key {@code admin/<requestId>}
 * @param userId the player
 * @param currency the currency of the player's account
 * @param kind {@code GRANT} (from the promo budget, positive) or {@code ADJUSTMENT} (to or from the
 *     house, either sign)
 * @param amount minor units, never zero
 * @param reason why, as the staff member gave it
 * @param requestedBy who asked
 * @param needsApproval whether a second ADMIN must approve before anything is posted
 * @param approvalTtl how long it waits for that approval
 */
public record AdjustmentRequest(
    UUID requestId,
    UUID userId,
    String currency,
    String kind,
    long amount,
    String reason,
    UUID requestedBy,
    boolean needsApproval,
    Duration approvalTtl) {
  public AdjustmentRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(requestedBy, "requestedBy");
    Objects.requireNonNull(approvalTtl, "approvalTtl");
  }

  /** The workflow id of a request. */
  public static String workflowId(UUID requestId) {
    return "adjustment-" + requestId;
  }

  /** The wallet idempotency key of a request's post. */
  public static String idempotencyKey(UUID requestId) {
    return "admin/" + requestId;
  }
}
