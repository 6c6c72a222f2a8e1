package dev.croupier.workflows.session;

/** Where a session is in its life; also the value of the CroupierSessionStatus search attribute. */
public enum SessionStatus {
  /** Accepting bets. */
  OPEN,
  /** Closed by the player (or the gateway on the player's behalf); the server seed is revealed. */
  CLOSED,
  /** Closed by the idle timer after no activity; the server seed is revealed. */
  CLOSED_IDLE
}
