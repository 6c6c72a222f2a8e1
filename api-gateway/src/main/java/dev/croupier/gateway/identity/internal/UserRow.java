package dev.croupier.gateway.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A row of {@code identity.users}, mapped off the jOOQ record at the repository's edge. */
record UserRow(
    UUID userId,
    String email,
    String displayName,
    Optional<String> passwordHash,
    List<String> roles,
    boolean disabled,
    Optional<Instant> walletReadyAt,
    Instant createdAt) {}
