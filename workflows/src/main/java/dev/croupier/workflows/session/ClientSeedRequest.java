package dev.croupier.workflows.session;

import java.util.Objects;
import java.util.UUID;

/**
 * The player's own client seed for the session's rounds.
 *
 * @param userId the player; must own the session
 * @param clientSeed 1 to 64 printable ASCII characters, no spaces
 */
public record ClientSeedRequest(UUID userId, String clientSeed) {
  /** What a client seed may be: 1 to 64 printable ASCII characters, no spaces. */
  public static final String PATTERN = "[\\x21-\\x7e]{1,64}";

  public ClientSeedRequest {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(clientSeed, "clientSeed");
  }
}
