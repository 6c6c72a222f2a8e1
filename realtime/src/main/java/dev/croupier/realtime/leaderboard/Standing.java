package dev.croupier.realtime.leaderboard;

import java.util.UUID;

/**
 * A player's place on a board: rank 1 is the best; equal values share a rank, and the next rank
 * skips (1, 2, 2, 4).
 */
public record Standing(int rank, UUID userId, long value) {}
