package dev.croupier.workflows.session;

import java.util.Objects;
import java.util.UUID;

/**
 * A progressive jackpot won in one round, to be paid with the wallet's {@code PayJackpot}.
 *
 * @param idempotencyKey {@code session-<id>/round-<n>/jackpot}, from business ids only
 * @param sessionId the session
 * @param round the round that hit the jackpot
 * @param accounts the winner's account and the currency of the pool that is paid
 */
public record JackpotPayout(
    String idempotencyKey, UUID sessionId, long round, SessionAccounts accounts) {
  /** The suffix of a round's key ({@code session-<id>/round-<n>}) that makes its jackpot's key. */
  public static final String KEY_SUFFIX = "/jackpot";

  public JackpotPayout {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(accounts, "accounts");
    if (round < 1) {
      throw new IllegalArgumentException("round must be >= 1");
    }
  }

  /** The payout of round {@code round}'s jackpot, keyed after the round's own key. */
  public static JackpotPayout of(
      String roundKey, UUID sessionId, long round, SessionAccounts accounts) {
    return new JackpotPayout(roundKey + KEY_SUFFIX, sessionId, round, accounts);
  }
}
