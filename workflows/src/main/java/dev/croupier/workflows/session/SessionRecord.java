package dev.croupier.workflows.session;

import dev.croupier.games.api.GameRef;
import java.util.UUID;

/** A session as the projection records it when it opens. */
public record SessionRecord(
    UUID sessionId,
    UUID userId,
    GameRef game,
    String currency,
    String commitment,
    String clientSeed,
    long openedAtMillis) {}
