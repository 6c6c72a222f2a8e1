/**
 * The poker table's activities: ledger transfers through the escrow, and the event outbox with hole
 * cards sealed for compliance.
 */
package dev.croupier.activities.table;
