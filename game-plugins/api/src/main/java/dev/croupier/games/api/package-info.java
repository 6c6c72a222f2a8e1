/** The game adaptor contract every game implements, and the provably fair RNG. */
package dev.croupier.games.api;
