package dev.croupier.games.poker;

import java.util.ArrayList;
import java.util.List;

/**
 * Card codes. A card is written as rank then suit, {@code "As"}, {@code "Td"}, {@code "2c"}: ranks
 * {@code 23456789TJQKA}, suits {@code cdhs}. Inside the engine a card is an id in {@code [0, 52)},
 * {@code rank * 4 + suit} with rank 0 the deuce and suit order clubs, diamonds, hearts, spades. The
 * id order is the order of the unshuffled deck that the provably fair shuffle permutes.
 */
public final class Cards {
  /** Rank characters, lowest first. */
  public static final String RANKS = "23456789TJQKA";

  /** Suit characters, in id order. */
  public static final String SUITS = "cdhs";

  private static final String[] CODES = new String[52];

  static {
    for (int id = 0; id < 52; id++) {
      CODES[id] = "" + RANKS.charAt(id / 4) + SUITS.charAt(id % 4);
    }
  }

  private Cards() {}

  /** The code of a card id, for example 51 is {@code "As"}. */
  public static String code(int id) {
    if (id < 0 || id >= 52) {
      throw new IllegalArgumentException("card id must be in [0, 52): " + id);
    }
    return CODES[id];
  }

  /**
   * The id of a card code.
   *
   * @throws IllegalArgumentException if the code is not a rank character followed by a suit
   *     character
   */
  public static int id(String code) {
    if (code == null || code.length() != 2) {
      throw new IllegalArgumentException("a card is two characters, like As: " + code);
    }
    int rank = RANKS.indexOf(code.charAt(0));
    int suit = SUITS.indexOf(code.charAt(1));
    if (rank < 0 || suit < 0) {
      throw new IllegalArgumentException("not a card: " + code);
    }
    return rank * 4 + suit;
  }

  /** The rank of a card id, 0 (deuce) to 12 (ace). */
  public static int rank(int id) {
    return id >> 2;
  }

  /** The suit of a card id, 0 to 3 for clubs, diamonds, hearts, spades. */
  public static int suit(int id) {
    return id & 3;
  }

  /** Parses space-separated codes, {@code "As Kd 7h"}. */
  public static List<String> parse(String codes) {
    List<String> cards = new ArrayList<>();
    for (String code : codes.trim().split("\\s+")) {
      if (!code.isEmpty()) {
        cards.add(code(id(code)));
      }
    }
    return List.copyOf(cards);
  }

  /** The codes of card ids. */
  public static List<String> codes(int... ids) {
    List<String> cards = new ArrayList<>(ids.length);
    for (int id : ids) {
      cards.add(code(id));
    }
    return List.copyOf(cards);
  }
}
