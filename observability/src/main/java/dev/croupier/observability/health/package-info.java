/**
 * Health indicators for the platform's dependencies, each answering within a few seconds and naming
 * what is down: Kafka, Temporal and a gRPC service (the wallet).
 */
package dev.croupier.observability.health;
