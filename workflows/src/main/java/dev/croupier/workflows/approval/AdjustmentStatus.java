package dev.croupier.workflows.approval;

import java.util.UUID;

/**
 * An adjustment's state, as the workflow reports it.
 *
 * @param decidedBy the second ADMIN who approved or rejected, if any
 * @param transactionId the wallet transaction, once posted
 * @param balanceAfter the player's balance right after the post
 * @param failureCode the wallet's error code when it refused
 */
public record AdjustmentStatus(
    AdjustmentState state,
    UUID decidedBy,
    Long transactionId,
    Long balanceAfter,
    String failureCode) {}
