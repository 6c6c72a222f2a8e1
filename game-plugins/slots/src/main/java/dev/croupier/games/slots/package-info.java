/** A 5-reel, 20-line video slot with wilds, scatters, free spins and a progressive jackpot. */
package dev.croupier.games.slots;
