package dev.croupier.wallet.ledger;

/** What an account is for; decides whether it may go negative and how many sub-accounts it has. */
public enum AccountType {
  PLAYER,
  HOUSE,
  JACKPOT_POOL,
  TABLE_ESCROW,
  PROMO
}
