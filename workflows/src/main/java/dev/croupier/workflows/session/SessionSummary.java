package dev.croupier.workflows.session;

import dev.croupier.games.api.GameRef;
import java.util.UUID;

/**
 * A closed session, with the revealed server seed that lets the player verify every round.
 *
 * @param sessionId the session
 * @param userId the player
 * @param game the game version played
 * @param status {@link SessionStatus#CLOSED} or {@link SessionStatus#CLOSED_IDLE}
 * @param commitment the commitment shown at start
 * @param revealedServerSeed the server seed whose SHA-256 is the commitment
 * @param clientSeed the client seed of the last round
 * @param totals rounds, stakes and wins
 * @param balance the player's balance after the last round
 */
public record SessionSummary(
    UUID sessionId,
    UUID userId,
    GameRef game,
    SessionStatus status,
    String commitment,
    String revealedServerSeed,
    String clientSeed,
    SessionTotals totals,
    long balance) {}
