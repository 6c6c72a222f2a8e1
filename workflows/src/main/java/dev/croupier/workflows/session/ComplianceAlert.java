package dev.croupier.workflows.session;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A disagreement between the records of a round, raised by the session that found it: published on
 * {@code compliance.alerts}, counted, and shown to compliance in admin. The session takes no bets
 * until a compliance user resolves it ({@link GameSessionWorkflow#resolveReview}).
 *
 * @param alertId stable, from the business key: {@code session-<id>/round-<n>/mismatch}, so a
 *     retried or replayed raise is the same alert
 * @param kind what disagreed, e.g. {@link #ROUND_MISMATCH}
 * @param sessionId the session
 * @param userId its player
 * @param game the pinned {@code gameId@version}
 * @param round the round number
 * @param raisedAtMillis workflow time of the finding
 * @param ledger what the ledger holds
 * @param replayed what the round recomputes to from its seeds and the game; for a table, what the
 *     table computed
 * @param tableId the table, for a table's alert ({@link #HAND_LEDGER_MISMATCH}, whose {@code
 *     sessionId} and {@code userId} are null and whose {@code round} is the hand); null for a
 *     session's
 * @param idempotencyKey the ledger key both versions are under, for a table's alert; null for a
 *     session's
 */
public record ComplianceAlert(
    String alertId,
    String kind,
    UUID sessionId,
    UUID userId,
    String game,
    long round,
    long raisedAtMillis,
    Version ledger,
    Version replayed,
    UUID tableId,
    String idempotencyKey) {
  /** The win an adopted round replays to differs from the win its ledger transaction posted. */
  public static final String ROUND_MISMATCH = "ROUND_MISMATCH";

  /**
   * A table's hand posted under a key the ledger already holds with another result: the versions'
   * {@code win} is the amount the transfer moves out of the table's escrow (the rake), {@code
   * requestId} the key, and {@code outcome} names the transfer's kind.
   */
  public static final String HAND_LEDGER_MISMATCH = "HAND_LEDGER_MISMATCH";

  public ComplianceAlert {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(kind, "kind");
  }

  /** The alert id of round {@code n} of a session. */
  public static String idOf(UUID sessionId, long round) {
    return "session-" + sessionId + "/round-" + round + "/mismatch";
  }

  /** The alert id of hand {@code n} of a table. */
  public static String idOfHand(UUID tableId, long hand) {
    return "table-" + tableId + "/hand-" + hand + "/mismatch";
  }

  /** The workflow the resolution goes to: {@code table-<id>} or {@code session-<id>}. */
  public String workflowId() {
    return tableId != null ? "table-" + tableId : "session-" + sessionId;
  }

  /**
   * One version of the round.
   *
   * @param transactionId the ledger transaction, or 0 for a replayed version
   * @param requestId the request that played it
   * @param clientSeed the client seed of the round
   * @param stake minor units staked
   * @param win minor units won
   * @param currency the currency
   * @param outcome the game's outcome (replayed version only; empty for the ledger's)
   */
  public record Version(
      long transactionId,
      String requestId,
      String clientSeed,
      long stake,
      long win,
      String currency,
      Map<String, Object> outcome) {
    public Version {
      outcome = outcome == null ? Map.of() : outcome;
    }
  }
}
