/** Hands per second through the poker table workflow, with bots, the real wallet and outbox. */
package dev.croupier.bench.tables;
