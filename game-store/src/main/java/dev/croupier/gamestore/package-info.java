/**
 * The game context's PostgreSQL schema {@code game}, and the only code that touches it: the
 * projection of sessions and rounds, the table event outbox and its relay store, and the reads of
 * game recall. Every other module goes through these classes.
 */
package dev.croupier.gamestore;
