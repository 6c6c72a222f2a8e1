package dev.croupier.workflows.table;

import java.util.Objects;
import java.util.UUID;

/**
 * One table money movement through the ledger, under a key the workflow derives from the table's
 * business ids.
 *
 * @param idempotencyKey {@code table-<id>/seat-<n>/buyin-<k>}, {@code
 *     table-<id>/seat-<n>/cashout-<k>} or {@code table-<id>/hand-<n>/rake}
 * @param kind what moves
 * @param tableId the table
 * @param escrow the table's escrow account
 * @param currency the table's currency
 * @param playerId the player for a buy-in or cash-out; null for rake
 * @param seat the seat for a buy-in or cash-out; -1 for rake
 * @param handNumber the hand for rake; the last hand started otherwise
 * @param amount minor units, above zero
 */
public record TableTransfer(
    String idempotencyKey,
    Kind kind,
    UUID tableId,
    long escrow,
    String currency,
    String playerId,
    int seat,
    long handNumber,
    long amount) {
  public TableTransfer {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(kind, "kind");
    if (amount <= 0) {
      throw new IllegalArgumentException("amount must be above zero");
    }
  }

  /** The three movements: player to escrow, escrow to player, escrow to house. */
  public enum Kind {
    BUY_IN,
    CASH_OUT,
    RAKE
  }
}
