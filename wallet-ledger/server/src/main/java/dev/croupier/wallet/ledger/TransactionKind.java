package dev.croupier.wallet.ledger;

/** Why money moved. {@link #REVERSAL} is only ever posted by a reversal. */
public enum TransactionKind {
  BET,
  WIN,
  BET_AND_WIN,
  BUY_IN,
  CASH_OUT,
  RAKE,
  JACKPOT_CONTRIBUTION,
  JACKPOT_WIN,
  GRANT,
  ADJUSTMENT,
  REFUND,
  REVERSAL
}
