/** The jackpot's latency: from an acknowledged bet to the jackpot.updates record at a reader. */
package dev.croupier.bench.realtime;
