package dev.croupier.wallet.ledger;

/** A currency row: PLAY or REAL money, amounts in minor units with this scale. */
public record Currency(String code, Kind kind, int scale, boolean enabled) {
  /** Play money or real money. */
  public enum Kind {
    PLAY,
    REAL
  }
}
