/** A fake game that implements the real contract, for other modules' tests. */
package dev.croupier.games.api.fake;
