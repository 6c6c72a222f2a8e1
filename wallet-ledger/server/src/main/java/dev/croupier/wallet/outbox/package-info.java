/**
 * The outbox relay: publishes committed entries to Kafka topic wallet.entries, in order per
 * account.
 */
package dev.croupier.wallet.outbox;
