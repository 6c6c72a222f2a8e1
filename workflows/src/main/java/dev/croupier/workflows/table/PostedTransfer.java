package dev.croupier.workflows.table;

/**
 * What the ledger holds under a table's idempotency key, read back when a post met another result
 * under it ({@link TableLedgerActivities#find}).
 *
 * @param transactionId the wallet's transaction
 * @param kind the transaction's kind as the wallet names it, e.g. {@code RAKE}
 * @param outOfEscrow minor units the transaction moved out of the table's escrow (negative: into
 *     it); 0 when it did not touch the escrow
 * @param currency the currency of its entries
 */
public record PostedTransfer(long transactionId, String kind, long outOfEscrow, String currency) {}
