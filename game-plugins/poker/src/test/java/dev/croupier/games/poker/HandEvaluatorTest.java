package dev.croupier.games.poker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-written tie-breaks, and agreement with a slow, obviously-correct reference evaluator. */
class HandEvaluatorTest {

  private static int eval(String cards) {
    return HandEvaluator.evaluate(Cards.parse(cards));
  }

  @ParameterizedTest
  @CsvSource({
    "As Ks Qs Js Ts 2d 3c, STRAIGHT_FLUSH",
    "5h 4h 3h 2h Ah Kc Kd, STRAIGHT_FLUSH",
    "9c 9d 9h 9s 2c 3d 4h, FOUR_OF_A_KIND",
    "9c 9d 9h 2s 2c 3d 4h, FULL_HOUSE",
    "9c 9d 9h 2s 2c 2d 4h, FULL_HOUSE",
    "Ac 9c 7c 5c 2c Kd Kh, FLUSH",
    "6d 5c 4h 3s 2c Kd Kh, STRAIGHT",
    "Ad 2c 3h 4s 5c Kd Kh, STRAIGHT",
    "9c 9d 9h Ks 2c 3d 5h, THREE_OF_A_KIND",
    "9c 9d Kh Ks 2c 3d 5h, TWO_PAIR",
    "9c 9d Kh Ks 2c 2d 5h, TWO_PAIR",
    "9c 9d Kh Qs 2c 3d 5h, ONE_PAIR",
    "9c Td Kh Qs 2c 3d 5h, HIGH_CARD",
    "As Ks Qs Js 9s, FLUSH",
    "As Ks Qs Js Ts, STRAIGHT_FLUSH",
    "As Kd Qs Js Ts 9h, STRAIGHT"
  })
  void recognisesEveryCategory(String cards, HandCategory category) {
    assertThat(HandEvaluator.category(eval(cards))).isEqualTo(category);
  }

  @Test
  void wheelIsTheLowestStraightAndBroadwayTheHighest() {
    int wheel = eval("As 2d 3c 4h 5s Kd 9c");
    int sixHigh = eval("6s 2d 3c 4h 5s Kd 9c");
    int broadway = eval("As Kd Qc Jh Ts 2d 3c");
    assertThat(wheel).isLessThan(sixHigh);
    assertThat(sixHigh).isLessThan(broadway);
    assertThat(eval("Ah 2h 3h 4h 5h Kd 9c")).isLessThan(eval("6h 2h 3h 4h 5h Kd 9c"));
    // A six-card run counts from its top.
    assertThat(eval("As 2d 3c 4h 5s 6d 9c")).isEqualTo(sixHigh);
  }

  @Test
  void flushesCompareAllFiveCardsAndIgnoreTheSixth() {
    assertThat(eval("Ah Jh 8h 6h 3h Kd Kc")).isGreaterThan(eval("Ah Jh 8h 6h 2h Kd Kc"));
    // Six hearts: the lowest heart does not play.
    assertThat(eval("Ah Jh 8h 6h 3h 2h Kc")).isEqualTo(eval("Ah Jh 8h 6h 3h 4c Kc"));
  }

  @Test
  void threePairsPlayTheTopTwoAndTheBestKicker() {
    // Board K K 7 7 4 4 Q: kings and sevens with a queen.
    assertThat(eval("Kd Kc 7h 7s 4c 4d Qh")).isEqualTo(eval("Kd Kc 7h 7s Qh 2c 3d"));
    // The kicker may come from the third pair.
    assertThat(eval("Kd Kc 7h 7s 5c 5d 2h")).isGreaterThan(eval("Kd Kc 7h 7s 4c 3d 2h"));
  }

  @Test
  void fullHousesCompareTripsThenPair() {
    assertThat(eval("9c 9d 9h 2s 2c Kd Qh")).isGreaterThan(eval("8c 8d 8h As Ac Kd Qh"));
    assertThat(eval("9c 9d 9h As Ac Kd Qh")).isGreaterThan(eval("9c 9d 9h Ks Kc Qd Jh"));
    // Two sets: the higher is the trips, the lower plays as the pair.
    assertThat(eval("9c 9d 9h 4s 4c 4d Ah")).isEqualTo(eval("9c 9d 9h 4s 4c 2d Ah"));
  }

  @Test
  void quadsTakeTheBestKickerOnTheBoard() {
    assertThat(eval("7c 7d 7h 7s Ac 2d 3h")).isGreaterThan(eval("7c 7d 7h 7s Kc Qd Jh"));
    // A pair beside the quads is just a kicker.
    assertThat(eval("7c 7d 7h 7s 9c 9d 3h")).isEqualTo(eval("7c 7d 7h 7s 9c 2d 3h"));
  }

  @Test
  void pairAndHighCardKickersDecideUpToTheFifthCardOnly() {
    // Same pair, the third kicker decides.
    assertThat(eval("Jc Jd Ah Ts 8c 3d 2h")).isGreaterThan(eval("Jc Jd Ah Ts 7c 3d 2h"));
    // Sixth and seventh cards never play: split.
    assertThat(eval("Jc Jd Ah Ts 8c 4d 3h")).isEqualTo(eval("Jc Jd Ah Ts 8c 3d 2h"));
    assertThat(eval("Ac Qd 9h 7s 5c 4d 2h")).isEqualTo(eval("Ac Qd 9h 7s 5c 3d 2h"));
    assertThat(eval("Ac Qd 9h 7s 6c 4d 2h")).isGreaterThan(eval("Ac Qd 9h 7s 5c 4d 3h"));
  }

  @Test
  void theBoardPlaysForBothPlayersAndSplits() {
    String board = "Ts Jd Qc Kh Ad";
    assertThat(eval(board + " 2c 3c")).isEqualTo(eval(board + " 4h 5h"));
    // A flush on the board: the higher hole heart plays.
    String flushBoard = "2h 5h 9h Jh Kh";
    assertThat(eval(flushBoard + " Ah 3c")).isGreaterThan(eval(flushBoard + " Qh 3d"));
    assertThat(eval(flushBoard + " 3c 4d")).isEqualTo(eval(flushBoard + " 6c 7d"));
  }

  @Test
  void rejectsRepeatedOrTooFewCards() {
    assertThatThrownBy(() -> HandEvaluator.evaluate(Cards.parse("As As Kd Qd Jd")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HandEvaluator.evaluate(Cards.parse("As Kd Qd Jd")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ordersRandomHandsLikeANaiveReferenceEvaluator() {
    Random random = new Random(20240521L);
    for (int i = 0; i < 200_000; i++) {
      int[] cards = drawSeven(random);
      int[] a = Arrays.copyOfRange(cards, 0, 7);
      int[] b = random.nextBoolean() ? drawSeven(random) : sameBoardOtherHoles(cards, random);
      int fast =
          Integer.signum(
              Integer.compare(
                  HandEvaluator.evaluate(HandEvaluator.mask(a)),
                  HandEvaluator.evaluate(HandEvaluator.mask(b))));
      int slow = Integer.signum(Reference.compare(Reference.best(a), Reference.best(b)));
      assertThat(fast).as("%s vs %s", Cards.codes(a), Cards.codes(b)).isEqualTo(slow);
      assertThat(HandEvaluator.category(HandEvaluator.evaluate(HandEvaluator.mask(a))).ordinal())
          .isEqualTo(Reference.best(a)[0]);
    }
  }

  private static int[] drawSeven(Random random) {
    List<Integer> deck = new ArrayList<>();
    for (int i = 0; i < 52; i++) {
      deck.add(i);
    }
    java.util.Collections.shuffle(deck, random);
    return deck.subList(0, 7).stream().mapToInt(Integer::intValue).toArray();
  }

  // Keeps the five board cards (the first five) and deals two other hole cards.
  private static int[] sameBoardOtherHoles(int[] cards, Random random) {
    int[] other = Arrays.copyOf(cards, 7);
    boolean[] used = new boolean[52];
    for (int c : cards) {
      used[c] = true;
    }
    for (int k = 5; k < 7; k++) {
      int c;
      do {
        c = random.nextInt(52);
      } while (used[c]);
      used[c] = true;
      other[k] = c;
    }
    return other;
  }

  /**
   * The rules as a player states them: for each 5-card subset, group ranks by count, sort groups by
   * (count, rank), recognise straights (ace low in the wheel) and flushes; keep the best subset.
   * Returns {category, tie-break ranks...}.
   */
  private static final class Reference {
    static int[] best(int[] seven) {
      int[] best = null;
      for (int skip1 = 0; skip1 < seven.length; skip1++) {
        for (int skip2 = skip1 + 1; skip2 < seven.length; skip2++) {
          int[] five = new int[5];
          int n = 0;
          for (int i = 0; i < seven.length; i++) {
            if (i != skip1 && i != skip2) {
              five[n++] = seven[i];
            }
          }
          int[] score = five(five);
          if (best == null || compare(score, best) > 0) {
            best = score;
          }
        }
      }
      return best;
    }

    static int[] five(int[] cards) {
      int[] counts = new int[13];
      boolean flush = true;
      for (int c : cards) {
        counts[Cards.rank(c)]++;
        flush &= Cards.suit(c) == Cards.suit(cards[0]);
      }
      Integer[] ranks = new Integer[13];
      for (int r = 0; r < 13; r++) {
        ranks[r] = r;
      }
      Arrays.sort(
          ranks,
          Comparator.<Integer>comparingInt(r -> counts[r]).thenComparingInt(r -> r).reversed());
      List<Integer> order = new ArrayList<>();
      for (Integer r : ranks) {
        if (counts[r] > 0) {
          order.add(r);
        }
      }
      int straightTop = -1;
      if (order.size() == 5) {
        if (order.get(0) - order.get(4) == 4) {
          straightTop = order.get(0);
        } else if (order.equals(List.of(12, 3, 2, 1, 0))) {
          straightTop = 3;
        }
      }
      int top = counts[order.get(0)];
      int second = order.size() > 1 ? counts[order.get(1)] : 0;
      int category;
      if (straightTop >= 0 && flush) {
        category = 8;
      } else if (top == 4) {
        category = 7;
      } else if (top == 3 && second == 2) {
        category = 6;
      } else if (flush) {
        category = 5;
      } else if (straightTop >= 0) {
        category = 4;
      } else if (top == 3) {
        category = 3;
      } else if (top == 2 && second == 2) {
        category = 2;
      } else if (top == 2) {
        category = 1;
      } else {
        category = 0;
      }
      int[] score = new int[1 + order.size()];
      score[0] = category;
      if (straightTop >= 0 && (category == 8 || category == 4)) {
        return new int[] {category, straightTop};
      }
      for (int i = 0; i < order.size(); i++) {
        score[i + 1] = order.get(i);
      }
      return score;
    }

    static int compare(int[] a, int[] b) {
      return Arrays.compare(a, b);
    }
  }
}
