package dev.croupier.workflows.table;

/**
 * The ledger accounts of one table.
 *
 * @param escrow the table's {@code TABLE_ESCROW} account (owner: the table id): every chip at the
 *     table
 * @param currency the table's currency
 * @param balance the escrow's balance when it was opened or found
 */
public record TableAccounts(long escrow, String currency, long balance) {}
