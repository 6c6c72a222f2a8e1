package dev.croupier.gateway.ws;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A well-formed client request of protocol croupier.v1; {@link ClientMessages} builds them. */
sealed interface ClientMessage {
  /** The request id: {@code re} of the answer, and the idempotency key of a bet. */
  String id();

  record OpenSession(
      String id, String gameId, @Nullable String version, @Nullable String clientSeed)
      implements ClientMessage {}

  record CloseSession(String id, UUID sessionId) implements ClientMessage {}

  record PlaceBet(String id, UUID sessionId, long amount, String currency, int spins)
      implements ClientMessage {
    /** The bet as the idempotency check compares it. */
    String fingerprint() {
      return sessionId + "|" + amount + "|" + currency + "|" + spins;
    }
  }

  record SessionState(String id, UUID sessionId) implements ClientMessage {}

  record GetBalance(String id, String currency) implements ClientMessage {}

  record Subscribe(String id, Topic topic) implements ClientMessage {}

  record Unsubscribe(String id, Topic topic) implements ClientMessage {}

  record SendChat(String id, String text) implements ClientMessage {}

  record Ping(String id) implements ClientMessage {}
}
