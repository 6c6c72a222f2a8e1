package dev.croupier.workflows.session;

import dev.croupier.games.api.GameRef;
import java.util.UUID;

/**
 * A session ready for bets, as the gateway shows it to the player.
 *
 * @param sessionId the new session's id
 * @param game the game version it plays
 * @param commitment SHA-256 of the server seed, to show before the first bet
 * @param clientSeed the client seed of the first round
 * @param balance the player's balance when the session opened
 */
public record OpenedSession(
    UUID sessionId, GameRef game, String commitment, String clientSeed, long balance) {}
