package dev.croupier.games.api;

/** How a game is played, which decides the workflow that hosts it. */
public enum GameKind {
  /** One player, independent rounds: bet, draw, settle (slots, dice). */
  SINGLE_PLAYER_ROUND,
  /** Several seats share one long-running table with turns and timeouts (poker). */
  TABLE
}
