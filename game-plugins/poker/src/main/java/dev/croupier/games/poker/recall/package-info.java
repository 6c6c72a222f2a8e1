/**
 * Poker hand recall from the records alone: a hand rebuilt from its public table events, its seed
 * epoch, the hole cards compliance opened and the ledger, with the deck recomputed from the
 * revealed seed and every record cross-checked against the others.
 */
package dev.croupier.games.poker.recall;
