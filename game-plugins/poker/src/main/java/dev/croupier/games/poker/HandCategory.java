package dev.croupier.games.poker;

/** The nine classes of poker hands, weakest first; {@link #ordinal()} is their strength. */
public enum HandCategory {
  HIGH_CARD,
  ONE_PAIR,
  TWO_PAIR,
  THREE_OF_A_KIND,
  STRAIGHT,
  FLUSH,
  FULL_HOUSE,
  FOUR_OF_A_KIND,
  STRAIGHT_FLUSH
}
