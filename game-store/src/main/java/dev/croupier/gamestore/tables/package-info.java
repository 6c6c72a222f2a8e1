/**
 * The table event outbox: written with each table step, read by the shared outbox relay, and kept
 * as the table's event log for hand recall.
 */
package dev.croupier.gamestore.tables;
