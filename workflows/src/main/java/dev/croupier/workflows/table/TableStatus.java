package dev.croupier.workflows.table;

import java.util.UUID;

/**
 * The table's bookkeeping, for operations, tests and audits; no cards.
 *
 * @param tableId the table
 * @param run the workflow run (seed epoch), from 1
 * @param handNumber the last hand started
 * @param handRunning whether a hand is running
 * @param seated seats taken
 * @param escrowBalance the escrow's ledger balance as of the table's last post
 * @param chipsInPlay stacks plus chips bet in the running hand
 * @param totalBuyIns every chip brought to the table
 * @param totalCashOuts every chip taken away
 * @param totalRake every chip raked
 * @param ledgerPosts ledger posts this table made (all runs)
 * @param eventSeq the last event's sequence number
 * @param commitment the running epoch's seed commitment
 * @param closing whether the table is closing
 * @param closed whether the table has closed (every seat cashed out)
 * @param game the game and version the table plays, {@code gameId@version}
 * @param gameContentHash the content hash of the engine the table opened with; null for tables
 *     opened before tables pinned it
 * @param unknownPost the key of a buy-in whose outcome the table does not know yet and is looking
 *     up, or null
 * @param underReview the alert that holds the table ({@code TableWorkflow#resolveReview}): no new
 *     hand is dealt while it is set; null while the records agree
 */
public record TableStatus(
    UUID tableId,
    int run,
    long handNumber,
    boolean handRunning,
    int seated,
    long escrowBalance,
    long chipsInPlay,
    long totalBuyIns,
    long totalCashOuts,
    long totalRake,
    long ledgerPosts,
    long eventSeq,
    String commitment,
    boolean closing,
    boolean closed,
    String game,
    String gameContentHash,
    String unknownPost,
    String underReview) {}
