/**
 * The game session benchmark: bets per second through the Temporal client against the engine's
 * floor (one Update and one no-op local activity), and open-loop latency.
 */
package dev.croupier.bench.sessions;
