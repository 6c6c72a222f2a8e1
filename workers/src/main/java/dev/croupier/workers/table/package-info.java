/**
 * The poker table worker: the table workflow and its activities on the session task queue, and the
 * relay that publishes the table event outbox to Kafka.
 */
package dev.croupier.workers.table;
