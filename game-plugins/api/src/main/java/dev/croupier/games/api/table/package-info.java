/**
 * The values a {@link dev.croupier.games.api.TableGame} exchanges with the table workflow: moves,
 * the facts the platform reads off a table, and what one engine step produced.
 */
package dev.croupier.games.api.table;
