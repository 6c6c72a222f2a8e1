package dev.croupier.games.poker;

import java.util.Collection;

/**
 * Evaluates the best five-card poker hand in five, six or seven cards. The result is an {@code int}
 * whose natural order is the order of hands: a higher value wins, equal values split. Its bits are
 * {@code category << 20 | r1 << 16 | r2 << 12 | r3 << 8 | r4 << 4 | r5}, where {@code category} is
 * {@link HandCategory#ordinal()} and {@code r1..r5} are the ranks (0 = deuce … 12 = ace) that break
 * ties inside the category, most significant first (for two pair: high pair, low pair, kicker; for
 * a wheel, the five is the top card). Unused nibbles are zero.
 *
 * <p><b>How it is fast.</b> A hand is a {@code long} with one bit per card: suit {@code s} occupies
 * bits {@code 16s .. 16s+12}, one bit per rank. The four 13-bit suit masks then give, with a few
 * boolean operations and no loop over cards, the ranks present, the ranks held at least twice,
 * three times and four times. Everything that depends on a whole rank set comes from three tables
 * of {@code 2^13} entries built at class initialisation by enumerating every rank set: the flush or
 * straight flush a suit mask makes, the straight or high card a rank set makes, and the top five
 * ranks of a rank set packed as kickers. Seven cards cannot hold a flush and also four of a kind or
 * a full house, so a flush is decided first. Evaluating a hand is four table reads for the flush
 * test, then at most two more reads and a few bit scans.
 *
 * <p>Thread-safe and allocation-free; the tables take 96 KiB.
 */
public final class HandEvaluator {
  private static final int CATEGORY_SHIFT = 20;
  private static final int STRAIGHT = HandCategory.STRAIGHT.ordinal() << CATEGORY_SHIFT;
  private static final int FLUSH = HandCategory.FLUSH.ordinal() << CATEGORY_SHIFT;
  private static final int STRAIGHT_FLUSH = HandCategory.STRAIGHT_FLUSH.ordinal() << CATEGORY_SHIFT;
  private static final int FULL_HOUSE = HandCategory.FULL_HOUSE.ordinal() << CATEGORY_SHIFT;
  private static final int QUADS = HandCategory.FOUR_OF_A_KIND.ordinal() << CATEGORY_SHIFT;
  private static final int TRIPS = HandCategory.THREE_OF_A_KIND.ordinal() << CATEGORY_SHIFT;
  private static final int TWO_PAIR = HandCategory.TWO_PAIR.ordinal() << CATEGORY_SHIFT;
  private static final int ONE_PAIR = HandCategory.ONE_PAIR.ordinal() << CATEGORY_SHIFT;

  private static final int RANK_SETS = 1 << 13;

  /** The top five ranks of a rank set, packed as five nibbles, highest in bits 16-19. */
  private static final int[] TOP_FIVE = new int[RANK_SETS];

  /** The straight in a rank set ({@code STRAIGHT | top << 16}), or 0. */
  private static final int[] STRAIGHTS = new int[RANK_SETS];

  /** A rank set without pairs: its straight, or its high card hand. */
  private static final int[] UNPAIRED = new int[RANK_SETS];

  /** A suit's rank set: its straight flush or flush when it has five cards or more, else 0. */
  private static final int[] FLUSHES = new int[RANK_SETS];

  /** The bit of each card id in a hand mask. */
  private static final long[] CARD_BITS = new long[52];

  static {
    for (int id = 0; id < 52; id++) {
      CARD_BITS[id] = 1L << (16 * Cards.suit(id) + Cards.rank(id));
    }
    for (int set = 0; set < RANK_SETS; set++) {
      int packed = 0;
      int taken = 0;
      for (int rank = 12; rank >= 0 && taken < 5; rank--) {
        if ((set & (1 << rank)) != 0) {
          packed |= rank << (16 - 4 * taken);
          taken++;
        }
      }
      TOP_FIVE[set] = packed;
      STRAIGHTS[set] = straightTop(set) < 0 ? 0 : STRAIGHT | straightTop(set) << 16;
      UNPAIRED[set] = STRAIGHTS[set] != 0 ? STRAIGHTS[set] : packed;
      if (Integer.bitCount(set) >= 5) {
        int top = straightTop(set);
        FLUSHES[set] = top >= 0 ? STRAIGHT_FLUSH | top << 16 : FLUSH | packed;
      }
    }
  }

  private HandEvaluator() {}

  /** The highest rank of the best straight in a rank set, the five for a wheel, or -1. */
  private static int straightTop(int set) {
    for (int top = 12; top >= 4; top--) {
      int run = 0x1f << (top - 4);
      if ((set & run) == run) {
        return top;
      }
    }
    int wheel = 0x100f; // A, 2, 3, 4, 5
    return (set & wheel) == wheel ? 3 : -1;
  }

  /** The bit of one card in a hand mask. */
  public static long bit(int cardId) {
    return CARD_BITS[cardId];
  }

  /** The hand mask of card ids. */
  public static long mask(int... cardIds) {
    long mask = 0;
    for (int id : cardIds) {
      mask |= CARD_BITS[id];
    }
    return mask;
  }

  /** The hand mask of card codes such as {@code "As"}. */
  public static long mask(Collection<String> cards) {
    long mask = 0;
    for (String card : cards) {
      mask |= CARD_BITS[Cards.id(card)];
    }
    return mask;
  }

  /**
   * The value of the best five-card hand in five to seven distinct cards, given as codes.
   *
   * @throws IllegalArgumentException if there are fewer than 5 or more than 7 cards, or a card is
   *     repeated or malformed
   */
  public static int evaluate(Collection<String> cards) {
    long mask = mask(cards);
    if (cards.size() < 5 || cards.size() > 7 || Long.bitCount(mask) != cards.size()) {
      throw new IllegalArgumentException("need 5 to 7 distinct cards: " + cards);
    }
    return evaluate(mask);
  }

  /**
   * The value of the best five-card hand in a hand mask (see the class comment) of five to seven
   * cards. The mask is not checked: other card counts give meaningless values.
   */
  public static int evaluate(long hand) {
    int c = (int) hand & 0x1fff;
    int d = (int) (hand >>> 16) & 0x1fff;
    int h = (int) (hand >>> 32) & 0x1fff;
    int s = (int) (hand >>> 48) & 0x1fff;
    int flush = FLUSHES[c] | FLUSHES[d] | FLUSHES[h] | FLUSHES[s];
    if (flush != 0) {
      return flush;
    }
    int ranks = c | d | h | s;
    // Ranks held in at least two suits: both of one half, or one of each half.
    int twice = (c & d) | (h & s) | ((c | d) & (h | s));
    if (twice == 0) {
      return UNPAIRED[ranks];
    }
    int quads = c & d & h & s;
    if (quads != 0) {
      int q = highest(quads);
      return QUADS | q << 16 | highest(ranks ^ (1 << q)) << 12;
    }
    int thrice = (c & d & (h | s)) | (h & s & (c | d));
    if (thrice != 0) {
      int t = highest(thrice);
      int pair = twice ^ (1 << t);
      if (pair != 0) {
        return FULL_HOUSE | t << 16 | highest(pair) << 12;
      }
      int straight = STRAIGHTS[ranks];
      if (straight != 0) {
        return straight;
      }
      return TRIPS | t << 16 | (TOP_FIVE[ranks ^ (1 << t)] >>> 12) << 8;
    }
    int straight = STRAIGHTS[ranks];
    if (straight != 0) {
      return straight;
    }
    int high = highest(twice);
    int rest = twice ^ (1 << high);
    if (rest == 0) {
      return ONE_PAIR | high << 16 | (TOP_FIVE[ranks ^ (1 << high)] >>> 8) << 4;
    }
    int low = highest(rest);
    int kickers = ranks ^ (1 << high) ^ (1 << low);
    return TWO_PAIR | high << 16 | low << 12 | highest(kickers) << 8;
  }

  /** The category of a value from {@link #evaluate}. */
  public static HandCategory category(int value) {
    return HandCategory.values()[value >>> CATEGORY_SHIFT];
  }

  private static int highest(int set) {
    return 31 - Integer.numberOfLeadingZeros(set);
  }
}
