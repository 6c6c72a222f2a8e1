/** The progressive jackpot's payout: the whole pool to the winner, then a reseed from the house. */
package dev.croupier.wallet.jackpot;
