/**
 * Provably fair randomness: commit to a server seed, draw from HMAC-SHA256 without bias, reveal the
 * seed at session close, and let anyone verify a round.
 */
package dev.croupier.games.rng;
