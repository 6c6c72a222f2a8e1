/**
 * The wallet's outbox as the shared relay ({@code dev.croupier.outbox}) reads it: committed entries
 * to Kafka topic wallet.entries, in order per account.
 */
package dev.croupier.wallet.outbox;
