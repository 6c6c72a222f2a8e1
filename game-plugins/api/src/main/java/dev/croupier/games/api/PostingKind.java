package dev.croupier.games.api;

/**
 * What a money movement is for. The workflow maps each kind to ledger accounts; a plugin only names
 * the kind and the amount.
 */
public enum PostingKind {
  /** Player to house: the amount staked on the round. */
  STAKE,
  /** House to player: the round's fixed winnings, features included. */
  WIN,
  /** House to the progressive pool: the jackpot's share of the stake. */
  JACKPOT_CONTRIBUTION,
  /**
   * Pool to player. Its amount is the pool balance when the workflow posts it, which only the
   * wallet knows, so plugins never emit it: they set {@link RoundResult#jackpotHit()} and the
   * workflow creates this posting.
   */
  JACKPOT_WIN
}
