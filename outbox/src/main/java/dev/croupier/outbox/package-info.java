/**
 * The transactional outbox relay every context publishes through: a context writes its events to
 * its own outbox table in the transaction of the change, and one {@link
 * dev.croupier.outbox.OutboxRelay} at a time, the leader by a PostgreSQL advisory lock, sends them
 * to Kafka oldest first and deletes them once acknowledged. Each context's {@link
 * dev.croupier.outbox.OutboxStore} reads and deletes its own rows; this package knows no schema.
 */
package dev.croupier.outbox;
