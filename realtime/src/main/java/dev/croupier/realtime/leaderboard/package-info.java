/** Leaderboards: scores from wallet.entries kept in PostgreSQL, top-N snapshots and ranks. */
package dev.croupier.realtime.leaderboard;
