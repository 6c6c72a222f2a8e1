package dev.croupier.workflows.session;

import dev.croupier.games.api.GameRef;
import java.util.UUID;

/**
 * A session as the projection records it when it opens.
 *
 * @param gameContentHash the content hash of the certified version the session plays (null for a
 *     plugin that declares none)
 */
public record SessionRecord(
    UUID sessionId,
    UUID userId,
    GameRef game,
    String currency,
    String commitment,
    String clientSeed,
    long openedAtMillis,
    String gameContentHash) {}
