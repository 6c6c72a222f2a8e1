package dev.croupier.workflows.session;

import java.util.UUID;

/** A session's end, as the projection records it. */
public record SessionClosed(
    UUID sessionId,
    SessionStatus status,
    String revealedServerSeed,
    long closedAtMillis,
    SessionTotals totals) {}
