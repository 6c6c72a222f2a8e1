/**
 * Realtime aggregators: the progressive jackpot and the leaderboards, computed from {@code
 * wallet.entries} and published to {@code jackpot.updates} and {@code leaderboard.updates} for the
 * gateway nodes to push.
 */
package dev.croupier.realtime;
