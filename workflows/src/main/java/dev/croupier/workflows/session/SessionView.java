package dev.croupier.workflows.session;

import dev.croupier.games.api.GameRef;
import java.util.List;
import java.util.UUID;

/**
 * What a reconnecting client needs: the answer to {@link GameSessionWorkflow#state()}.
 *
 * @param sessionId the session
 * @param userId the player
 * @param game the game version
 * @param status open or closed
 * @param ready whether the session has its seeds and accounts and takes bets
 * @param round the last round played
 * @param roundInProgress whether a round is being played and posted right now
 * @param balance the player's balance as last known by the session
 * @param commitment the server seed's commitment, or null before the session is ready
 * @param clientSeed the client seed the next round uses
 * @param revealedServerSeed the server seed once closed, else null
 * @param totals rounds, stakes and wins
 * @param lastResults the most recent rounds, oldest first
 * @param unknownRound a round whose ledger post has an unknown outcome, looked up before the next
 *     bet or the close; null when there is none
 */
public record SessionView(
    UUID sessionId,
    UUID userId,
    GameRef game,
    SessionStatus status,
    boolean ready,
    long round,
    boolean roundInProgress,
    long balance,
    String commitment,
    String clientSeed,
    String revealedServerSeed,
    SessionTotals totals,
    List<RoundOutcome> lastResults,
    UnknownRound unknownRound) {}
