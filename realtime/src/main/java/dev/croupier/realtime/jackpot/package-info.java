/** The jackpot aggregator: the pool's balance from wallet.entries, published every few seconds. */
package dev.croupier.realtime.jackpot;
