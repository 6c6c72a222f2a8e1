/**
 * Starts and stops the embedded dev services: PostgreSQL checks, the Temporal dev server, a KRaft
 * Kafka broker.
 */
package dev.croupier.devstack;
