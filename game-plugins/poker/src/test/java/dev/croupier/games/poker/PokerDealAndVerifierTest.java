package dev.croupier.games.poker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.rng.ServerSeed;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deals from the committed seed, and their verification after the reveal. */
class PokerDealAndVerifierTest {
  private static final String SERVER_SEED =
      "3ad3ce2f4c15a3c59b20d8fad7e7fa2825af80f368070f100879705889f538ca";
  private static final String COMMITMENT =
      "fca8cd3466b733247301081265992671d0b6da7be5f6948e9a170c7b0bab9019";

  @Test
  void theDeckIsTheFairRngPermutationOfTheIndependentReference() {
    // permutation52 of case 1 in game-plugins/api's test vectors, written by the Python reference.
    int[] reference = {
      45, 13, 40, 47, 19, 4, 39, 16, 48, 23, 49, 10, 36, 31, 2, 24, 11, 22, 38, 37, 21, 28, 15, 43,
      51, 18, 9, 26, 33, 0, 17, 25, 14, 20, 1, 42, 12, 34, 44, 8, 41, 3, 46, 7, 5, 29, 27, 30, 50,
      6, 35, 32
    };
    assertThat(PokerDeal.shuffle(new RoundSeed(SERVER_SEED, "player-chosen-seed", 1)))
        .containsExactlyElementsOf(Cards.codes(reference));
  }

  @Test
  void aHandDealtFromSeedsIsRecomputedByTheVerifier() {
    RoundSeed seed = new RoundSeed(SERVER_SEED, "table-42", 1);
    TestTable t = TestTable.seated(TestTable.config(4, 50, 100, 0, 0), 1_000, 1_000, 1_000, 1_000);
    Transition started = PokerEngine.startHand(t.state, seed);
    PokerEngine.checkInvariants(started.state());
    assertThat(started.holeCards()).hasSize(4);
    List<Integer> dealOrder = started.holeCards().stream().map(HoleCardsDealt::seat).toList();
    assertThat(dealOrder).containsExactly(1, 2, 3, 0);

    // Everyone goes all-in, so the whole board is dealt and every hand shown.
    TableState state = started.state();
    while (state.hand() != null) {
      int seat = state.hand().toAct();
      state = PokerEngine.apply(state, seat, "p" + seat, new Action.AllIn()).state();
    }
    HandResult result = state.lastHand();
    List<HoleCardsDealt> shown = new ArrayList<>();
    for (HandResult.ShownHand hand : result.shown()) {
      shown.add(new HoleCardsDealt(1, hand.seat(), null, hand.cards()));
    }
    PokerVerifier.Verification ok =
        PokerVerifier.verify(
            new PokerVerifier.HandClaim(COMMITMENT, seed, dealOrder, shown, result.board()));
    assertThat(ok.valid()).isTrue();
    for (HoleCardsDealt dealt : started.holeCards()) {
      assertThat(ok.deal().holeCards(dealt.seat())).isEqualTo(dealt.cards());
    }

    List<String> otherBoard = new ArrayList<>(result.board());
    otherBoard.set(4, otherBoard.get(4).equals("2c") ? "3c" : "2c");
    PokerVerifier.Verification tampered =
        PokerVerifier.verify(
            new PokerVerifier.HandClaim(COMMITMENT, seed, dealOrder, shown, otherBoard));
    assertThat(tampered.commitmentValid()).isTrue();
    assertThat(tampered.cardsMatch()).isFalse();

    String otherCommitment =
        ServerSeed.generate(new java.security.SecureRandom()).commitment().sha256Hex();
    assertThat(
            PokerVerifier.verify(
                    new PokerVerifier.HandClaim(
                        otherCommitment, seed, dealOrder, shown, result.board()))
                .commitmentValid())
        .isFalse();
  }

  @Test
  void theDealNeedsTheNextHandNumberAsNonce() {
    TestTable t = TestTable.seated(TestTable.config(2, 50, 100, 0, 0), 1_000, 1_000);
    assertThatThrownBy(() -> PokerEngine.startHand(t.state, new RoundSeed(SERVER_SEED, "t", 2)))
        .isInstanceOf(CroupierException.class)
        .extracting(e -> ((CroupierException) e).code())
        .isEqualTo(ErrorCode.ILLEGAL_ACTION);
    TableState started = PokerEngine.startHand(t.state, new RoundSeed(SERVER_SEED, "t", 1)).state();
    assertThatThrownBy(() -> PokerEngine.startHand(started, new RoundSeed(SERVER_SEED, "t", 2)))
        .isInstanceOf(CroupierException.class)
        .extracting(e -> ((CroupierException) e).code())
        .isEqualTo(ErrorCode.ILLEGAL_ACTION);
  }

  @Test
  void theSameSeedDealsTheSameHandAndTheNextNonceAnother() {
    TestTable t =
        TestTable.seated(
            TestTable.config(6, 50, 100, 0, 0), 1_000, 1_000, 1_000, 1_000, 1_000, 1_000);
    RoundSeed seed = new RoundSeed(SERVER_SEED, "table-42", 1);
    Transition a = PokerEngine.startHand(t.state, seed);
    Transition b = PokerEngine.startHand(t.state, seed);
    assertThat(a).isEqualTo(b);
    assertThat(PokerDeal.shuffle(new RoundSeed(SERVER_SEED, "table-42", 2)))
        .isNotEqualTo(a.state().hand().deck());
  }
}
