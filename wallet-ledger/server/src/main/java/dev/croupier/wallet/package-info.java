/** Double-entry ledger behind the gRPC Wallet API, with an outbox relay to Kafka. */
package dev.croupier.wallet;
