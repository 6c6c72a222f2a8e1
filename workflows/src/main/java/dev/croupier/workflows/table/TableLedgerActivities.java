package dev.croupier.workflows.table;

import io.temporal.activity.ActivityInterface;
import java.util.UUID;

/**
 * The wallet calls of a table. Chips at the table live in one {@code TABLE_ESCROW} account per
 * table; seats' stacks are kept by the workflow. Money moves only on buy-in (player to escrow),
 * cash-out (escrow to player) and rake (escrow to house): a hand moves no money between players in
 * the ledger, so {@code escrow balance == sum(stacks) + chips in the running hand}.
 *
 * <p>Every method is idempotent by the transfer's key: an unknown outcome (deadline, unavailable
 * wallet, crash) is resolved by repeating the same request under the same key, and the wallet
 * answers with the original result.
 */
@ActivityInterface(namePrefix = "TableLedger.")
public interface TableLedgerActivities {

  /**
   * Opens (or finds) the table's escrow account in {@code currency}. Idempotent per table: the
   * wallet's OpenAccount returns the existing account.
   */
  TableAccounts openTable(UUID tableId, String currency);

  /**
   * Posts one transfer (kind {@code BUY_IN}, {@code CASH_OUT} or {@code RAKE}, reference table id).
   *
   * @return the escrow's balance after the post
   * @throws io.temporal.failure.ApplicationFailure non-retryable, typed {@code INSUFFICIENT_FUNDS}
   *     (nothing posted), {@code IDEMPOTENCY_CONFLICT} (another request holds the key: an orphan of
   *     a request the table never recorded, see {@link #reverse}) or another wallet business code
   */
  long post(TableTransfer transfer);

  /**
   * Reverses the transaction posted under {@code idempotencyKey} (the wallet's ReverseTransaction,
   * under {@code <idempotencyKey>/reversal}), so that a key taken by an orphan can be skipped.
   * Idempotent by its own key.
   *
   * @return the escrow's balance after the reversal
   */
  long reverse(String idempotencyKey, long escrow);

  /**
   * Reads back the transaction the ledger holds under {@code idempotencyKey} (the wallet's
   * GetTransaction), for the alert of a post that met another result under its key.
   *
   * @return what it holds, or null when nothing is under the key
   */
  PostedTransfer find(String idempotencyKey, long escrow);
}
