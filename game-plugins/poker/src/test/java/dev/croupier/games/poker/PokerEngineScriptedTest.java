package dev.croupier.games.poker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.errors.ErrorCode;
import dev.croupier.games.poker.HandResult.Chips;
import dev.croupier.games.poker.PublicEvent.ActionKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hands with known outcomes, played on stacked decks. */
class PokerEngineScriptedTest {

  private static final TableConfig HEADS_UP = TestTable.config(2, 50, 100, 0, 0);

  @Test
  void headsUpButtonPostsSmallBlindActsFirstPreflopAndLastAfter() {
    TestTable t = TestTable.seated(HEADS_UP, 1000, 1000);
    t.deal(List.of("As Ad", "Kc Kd"), "2c 7d 9h Js 3c");

    PublicEvent.HandStarted started = t.events(PublicEvent.HandStarted.class).getFirst();
    assertThat(started.button()).isZero();
    assertThat(started.smallBlindSeat()).isZero();
    assertThat(started.bigBlindSeat()).isEqualTo(1);
    assertThat(t.events(PublicEvent.BlindPosted.class))
        .extracting(PublicEvent.BlindPosted::seat, PublicEvent.BlindPosted::amount)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, 50L),
            org.assertj.core.groups.Tuple.tuple(1, 100L));
    // The big blind is dealt first, the button last.
    assertThat(t.holeCards).extracting(HoleCardsDealt::seat).containsExactly(1, 0);
    assertThat(t.toAct()).isZero();
    assertThat(t.legal().toCall()).isEqualTo(50);
    assertThat(t.legal().minTo()).isEqualTo(200);
    t.rejects(1, new Action.Check(), ErrorCode.NOT_YOUR_TURN);

    t.act(0, new Action.Call());
    assertThat(t.toAct()).isEqualTo(1);
    assertThat(t.legal().canCheck()).isTrue();
    t.act(1, new Action.Check());
    for (Street street : List.of(Street.FLOP, Street.TURN, Street.RIVER)) {
      assertThat(t.state.hand().street()).isEqualTo(street);
      assertThat(t.toAct()).as("the big blind acts first on the %s", street).isEqualTo(1);
      t.act(1, new Action.Check());
      assertThat(t.toAct()).isZero();
      t.act(0, new Action.Check());
    }
    assertThat(t.last().showdown()).isTrue();
    assertThat(t.last().totalAwards()).containsExactly(new Chips(0, 200));
    assertThat(t.stack(0)).isEqualTo(1100);
    assertThat(t.stack(1)).isEqualTo(900);

    t.deal(List.of("2c 3d", "4h 5s"), "Ts Jd Qc Kh 8d");
    assertThat(t.state.hand().button()).isEqualTo(1);
    assertThat(t.state.hand().smallBlindSeat()).isEqualTo(1);
    assertThat(t.state.hand().bigBlindSeat()).isZero();
    assertThat(t.toAct()).isEqualTo(1);
  }

  @Test
  void everyoneFoldsToARaiseAndNoFlopMeansNoRake() {
    TestTable t =
        TestTable.seated(TestTable.config(4, 50, 100, 500, 1000), 10_000, 10_000, 10_000, 10_000);
    t.deal(List.of("2c 7d", "3c 8d", "4c 9d", "As Ah"), "Kc Qd Jh 5s 6c");
    assertThat(t.toAct()).as("under the gun, after the big blind").isEqualTo(3);
    t.act(3, new Action.Raise(300));
    t.act(0, new Action.Fold()).act(1, new Action.Fold()).act(2, new Action.Fold());

    HandResult result = t.last();
    assertThat(result.showdown()).isFalse();
    assertThat(result.shown()).isEmpty();
    assertThat(result.uncalled()).containsExactly(new Chips(3, 200));
    assertThat(result.rake()).isZero();
    assertThat(result.pots())
        .singleElement()
        .satisfies(
            pot -> {
              assertThat(pot.amount()).isEqualTo(250);
              assertThat(pot.awards()).containsExactly(new Chips(3, 250));
            });
    assertThat(t.stack(3)).isEqualTo(10_150);
    assertThat(t.stack(1)).isEqualTo(9_950);
    assertThat(t.stack(2)).isEqualTo(9_900);
    assertThat(t.events(PublicEvent.CardsShown.class)).isEmpty();
    assertThat(t.events(PublicEvent.BoardDealt.class)).isEmpty();
  }

  @Test
  void threeAllInsMakeAMainPotAndTwoSidePots() {
    TestTable t = TestTable.seated(TestTable.config(4, 50, 100, 0, 0), 8_000, 1_000, 2_500, 5_000);
    // The shorter the stack, the better the hand.
    t.deal(List.of("7c 8h", "As Ad", "Ks Kd", "Qs Qd"), "2c 5d 9h Js 3s");
    t.act(3, new Action.AllIn());
    t.act(0, new Action.AllIn());
    t.act(1, new Action.AllIn());
    t.act(2, new Action.AllIn());

    HandResult result = t.last();
    assertThat(result.showdown()).isTrue();
    assertThat(result.board()).containsExactlyElementsOf(Cards.parse("2c 5d 9h Js 3s"));
    assertThat(t.events(PublicEvent.BoardDealt.class))
        .extracting(PublicEvent.BoardDealt::street)
        .containsExactly(Street.FLOP, Street.TURN, Street.RIVER);
    assertThat(result.uncalled()).containsExactly(new Chips(0, 3_000));
    assertThat(result.pots())
        .extracting(HandResult.Pot::amount, HandResult.Pot::eligible, HandResult.Pot::awards)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                4_000L, List.of(1, 2, 3, 0), List.of(new Chips(1, 4_000))),
            org.assertj.core.groups.Tuple.tuple(
                4_500L, List.of(2, 3, 0), List.of(new Chips(2, 4_500))),
            org.assertj.core.groups.Tuple.tuple(
                5_000L, List.of(3, 0), List.of(new Chips(3, 5_000))));
    assertThat(List.of(t.stack(0), t.stack(1), t.stack(2), t.stack(3)))
        .containsExactly(3_000L, 4_000L, 4_500L, 5_000L);
    assertThat(result.shown()).extracting(HandResult.ShownHand::seat).containsExactly(1, 2, 3, 0);
  }

  @Test
  void splitPotGivesTheOddChipToTheFirstWinnerLeftOfTheButton() {
    TestTable t = TestTable.seated(TestTable.config(3, 5, 10, 0, 0), 1_000, 1_000, 1_000);
    // Broadway on the board: everyone still in splits.
    t.deal(List.of("2c 3d", "4h 5s", "6c 7d"), "Ts Jd Qc Kh Ad");
    t.act(0, new Action.Call()).act(1, new Action.Fold()).act(2, new Action.Check());
    for (int street = 0; street < 3; street++) {
      assertThat(t.toAct()).isEqualTo(2);
      t.act(2, new Action.Check()).act(0, new Action.Check());
    }
    HandResult.Pot pot = t.last().pots().getFirst();
    assertThat(pot.amount()).isEqualTo(25);
    // Seat 2 is left of the button (seat 0), so it gets the odd chip, not the lower seat number.
    assertThat(pot.awards()).containsExactly(new Chips(2, 13), new Chips(0, 12));
    assertThat(List.of(t.stack(0), t.stack(1), t.stack(2))).containsExactly(1_002L, 995L, 1_003L);
  }

  @Test
  void splitSidePotWhileTheShortStackWinsTheMainPot() {
    TestTable t = TestTable.seated(TestTable.config(3, 50, 100, 0, 0), 5_000, 1_001, 5_000);
    // Seat 1 (short) has aces; seats 0 and 2 hold the same king-queen and split the side pot.
    t.deal(List.of("Kc Qd", "As Ad", "Kh Qs"), "2c 5d 9h Js 3s");
    t.act(0, new Action.Raise(3_000)).act(1, new Action.AllIn()).act(2, new Action.Call());
    // Seat 1 is all-in; seats 0 and 2 check it down.
    while (t.state.hand() != null) {
      t.act(t.toAct(), new Action.Check());
    }
    List<HandResult.Pot> pots = t.last().pots();
    assertThat(pots.get(0).amount()).isEqualTo(3_003);
    assertThat(pots.get(0).awards()).containsExactly(new Chips(1, 3_003));
    assertThat(pots.get(1).amount()).isEqualTo(2 * (3_000 - 1_001));
    assertThat(pots.get(1).awards()).containsExactly(new Chips(2, 1_999), new Chips(0, 1_999));
  }

  @Test
  void minimumBetsAndRaisesAreEnforced() {
    TestTable t = TestTable.seated(TestTable.config(3, 50, 100, 0, 0), 10_000, 10_000, 10_000);
    t.deal(List.of("2c 7d", "3c 8d", "4c 9d"), "Kc Qd Jh 5s 6c");
    t.rejects(0, new Action.Raise(150), ErrorCode.RAISE_TOO_SMALL);
    t.rejects(0, new Action.Bet(300), ErrorCode.ILLEGAL_ACTION);
    t.rejects(0, new Action.Check(), ErrorCode.ILLEGAL_ACTION);
    t.rejects(0, new Action.Raise(20_000), ErrorCode.AMOUNT_ABOVE_STACK);
    t.rejects(0, new Action.Raise(0), ErrorCode.INVALID_AMOUNT);
    t.act(0, new Action.Raise(200));
    assertThat(t.legal().minTo()).isEqualTo(300);
    t.rejects(1, new Action.Raise(250), ErrorCode.RAISE_TOO_SMALL);
    t.act(1, new Action.Raise(500));
    assertThat(t.legal().minTo()).as("500 plus the last raise of 300").isEqualTo(800);
    t.rejects(2, new Action.Raise(799), ErrorCode.RAISE_TOO_SMALL);
    t.act(2, new Action.Call()).act(0, new Action.Call());

    assertThat(t.state.hand().street()).isEqualTo(Street.FLOP);
    assertThat(t.toAct()).isEqualTo(1);
    t.rejects(1, new Action.Bet(50), ErrorCode.RAISE_TOO_SMALL);
    t.rejects(1, new Action.Raise(200), ErrorCode.ILLEGAL_ACTION);
    t.rejects(1, new Action.Call(), ErrorCode.ILLEGAL_ACTION);
    t.act(1, new Action.Bet(100));
    assertThat(t.legal().minTo()).isEqualTo(200);
  }

  @Test
  void anAllInOfLessThanAFullRaiseDoesNotReopenTheBetting() {
    TestTable t = TestTable.seated(TestTable.config(4, 50, 100, 0, 0), 10_000, 10_000, 250, 10_000);
    t.deal(List.of("2c 7d", "3c 8d", "4c 9d", "5h Th"), "Kc Qd Jh 5s 6c");
    t.act(3, new Action.Call()).act(0, new Action.Call()).act(1, new Action.Call());
    t.act(2, new Action.Check());
    assertThat(t.toAct()).isEqualTo(1);
    t.act(1, new Action.Bet(100));
    t.act(2, new Action.AllIn()); // 150: a raise of 50, less than the full 100
    assertThat(t.events(PublicEvent.ActionTaken.class).getLast().kind())
        .isEqualTo(ActionKind.RAISE);
    // Seat 3 has not acted yet: it may raise, by at least the last full raise.
    assertThat(t.legal().canRaise()).isTrue();
    assertThat(t.legal().minTo()).isEqualTo(250);
    t.act(3, new Action.Call()).act(0, new Action.Call());
    // Seat 1 bet and faced only the short all-in: call or fold.
    assertThat(t.toAct()).isEqualTo(1);
    assertThat(t.legal().canRaise()).isFalse();
    assertThat(t.legal().toCall()).isEqualTo(50);
    t.rejects(1, new Action.Raise(400), ErrorCode.ILLEGAL_ACTION);
    t.rejects(1, new Action.AllIn(), ErrorCode.ILLEGAL_ACTION);
    t.act(1, new Action.Call());
    assertThat(t.state.hand().street()).isEqualTo(Street.TURN);
  }

  @Test
  void shortAllInsThatAddUpToAFullRaiseReopenTheBetting() {
    TestTable t = TestTable.seated(TestTable.config(4, 50, 100, 0, 0), 10_000, 10_000, 250, 320);
    t.deal(List.of("2c 7d", "3c 8d", "4c 9d", "5h Th"), "Kc Qd Jh 5s 6c");
    t.act(3, new Action.Call()).act(0, new Action.Call()).act(1, new Action.Call());
    t.act(2, new Action.Check());
    t.act(1, new Action.Bet(100));
    t.act(2, new Action.AllIn()); // to 150
    t.act(3, new Action.AllIn()); // to 220: each short, together 120 over seat 1's bet
    t.act(0, new Action.Call());
    assertThat(t.toAct()).isEqualTo(1);
    assertThat(t.legal().canRaise()).isTrue();
    assertThat(t.legal().minTo()).isEqualTo(320);
    t.act(1, new Action.Raise(320));
    assertThat(t.toAct()).isZero();
    assertThat(t.legal().canRaise()).isTrue();
  }

  @Test
  void theClockChecksWhenItCanFoldsOtherwiseAndCountsTimeouts() {
    TestTable t = TestTable.seated(HEADS_UP, 1000, 1000);
    t.deal(List.of("2c 7d", "3c 8d"), "Kc Qd Jh 5s 6c");
    assertThat(PokerEngine.timeoutAction(t.state)).isEqualTo(new Action.Fold());
    t.timeout();
    assertThat(t.state.seat(0).consecutiveTimeouts()).isEqualTo(1);
    assertThat(t.events(PublicEvent.ActionTaken.class).getLast().timedOut()).isTrue();
    assertThat(t.last().uncalled()).containsExactly(new Chips(1, 50));
    assertThat(t.last().totalAwards()).containsExactly(new Chips(1, 100));

    t.deal(List.of("2c 7d", "3c 8d"), "Kc Qd Jh 5s 6c");
    t.act(1, new Action.Call());
    assertThat(PokerEngine.timeoutAction(t.state)).isEqualTo(new Action.Check());
    t.timeout();
    assertThat(t.state.seat(0).consecutiveTimeouts()).isEqualTo(2);
    assertThat(t.state.hand().street()).isEqualTo(Street.FLOP);
    t.act(0, new Action.Check());
    assertThat(t.state.seat(0).consecutiveTimeouts()).isZero();
    // The workflow sits a player out after N timeouts; the seat is then skipped.
    t.act(1, new Action.Fold());
    t.act(0, new Action.SitOut());
    assertThat(PokerEngine.canStartHand(t.state)).isFalse();
  }

  @Test
  void tableActionsAreValidatedWithSpecificCodes() {
    TestTable t = TestTable.seated(TestTable.config(3, 50, 100, 0, 0), 1_000, 1_000);
    t.rejects(0, "p9", new Action.Sit("p9", 1_000), ErrorCode.SEAT_TAKEN);
    t.rejects(2, "p0", new Action.Sit("p0", 1_000), ErrorCode.ALREADY_SEATED);
    t.rejects(2, "p9", new Action.Sit("p9", 99), ErrorCode.BUY_IN_OUT_OF_RANGE);
    t.rejects(2, "p9", new Action.Sit("p9", 1_000_001), ErrorCode.BUY_IN_OUT_OF_RANGE);
    t.rejects(2, "p9", new Action.Sit("p8", 1_000), ErrorCode.NOT_YOUR_SEAT);
    t.rejects(3, "p9", new Action.Sit("p9", 1_000), ErrorCode.VALIDATION_FAILED);
    t.rejects(1, "p0", new Action.Fold(), ErrorCode.NOT_YOUR_SEAT);
    t.rejects(2, "p0", new Action.Leave(), ErrorCode.NOT_YOUR_SEAT);
    t.rejects(0, new Action.Check(), ErrorCode.ILLEGAL_ACTION);
    t.rejects(0, new Action.TopUp(0), ErrorCode.INVALID_AMOUNT);
    t.rejects(0, new Action.TopUp(999_001), ErrorCode.BUY_IN_OUT_OF_RANGE);
    t.rejects(0, new Action.SitIn(), ErrorCode.ILLEGAL_ACTION);
    t.act(0, new Action.TopUp(500));
    assertThat(t.stack(0)).isEqualTo(1_500);

    t.deal(List.of("2c 7d", "3c 8d"), "Kc Qd Jh 5s 6c");
    t.rejects(0, new Action.TopUp(100), ErrorCode.ILLEGAL_ACTION);
    // A player who sits down during a hand waits for the next one.
    t.act(2, new Action.Sit("p2", 1_000));
    t.rejects(2, new Action.Check(), ErrorCode.ILLEGAL_ACTION);
    assertThat(t.state.hand().player(2)).isNull();
  }

  @Test
  void leavingDuringAHandFoldsAtOnceAndCashesOutWhenItEnds() {
    TestTable t = TestTable.seated(TestTable.config(3, 50, 100, 0, 0), 1_000, 1_000, 1_000);
    t.deal(List.of("2c 7d", "3c 8d", "4c 9d"), "Kc Qd Jh 5s 6c");
    assertThat(t.toAct()).isZero();
    // The big blind leaves out of turn: folded now, paid out after the hand.
    t.act(2, new Action.Leave());
    assertThat(t.state.hand().player(2).folded()).isTrue();
    assertThat(t.state.seat(2).leaving()).isTrue();
    t.act(0, new Action.Fold());
    assertThat(t.state.hand()).isNull();
    // The leaver's big blind is dead money: nothing comes back to a folded hand.
    assertThat(t.last().uncalled()).isEmpty();
    assertThat(t.last().totalAwards()).containsExactly(new Chips(1, 150));
    assertThat(t.state.seat(2).occupied()).isFalse();
    assertThat(t.events(PublicEvent.PlayerLeft.class))
        .containsExactly(new PublicEvent.PlayerLeft(2, "p2", 900));
    assertThat(t.state.totalCashOuts()).isEqualTo(900);

    t.act(0, new Action.Leave());
    assertThat(t.events(PublicEvent.PlayerLeft.class).getLast())
        .isEqualTo(new PublicEvent.PlayerLeft(0, "p0", 1_000));
    assertThat(PokerEngine.canStartHand(t.state)).isFalse();
  }

  @Test
  void bothBlindsLeavingBeforeTheFirstActionGiveTheirDeadBlindsToThePlayerStillIn() {
    // Found by the 10,000-hand table simulation: the one player left had put nothing in, so no
    // pot level existed and the blinds vanished (stacks + pot + rake fell short of the buy-ins).
    TestTable t = TestTable.seated(TestTable.config(3, 5, 10, 500, 30), 1_000, 1_000, 1_000);
    t.deal(List.of("2c 7d", "3c 8d", "4c 9d"), "Kc Qd Jh 5s 6c");
    assertThat(t.toAct()).isZero();
    t.act(1, new Action.Leave());
    t.act(2, new Action.Leave());
    assertThat(t.state.hand()).isNull();
    assertThat(t.last().totalAwards()).containsExactly(new Chips(0, 15));
    assertThat(t.last().rake()).as("no flop, no drop").isZero();
    assertThat(t.stack(0)).isEqualTo(1_015);
    assertThat(t.state.totalCashOuts()).isEqualTo(995 + 990);
    PokerEngine.checkInvariants(t.state);
  }

  @Test
  void rakeIsAPercentageOfEachPotUpToTheCap() {
    TableConfig raked = TestTable.config(2, 5, 10, 500, 30);
    TestTable t = TestTable.seated(raked, 1_000, 1_000);
    t.deal(List.of("As Ad", "Kc Kd"), "2c 7d 9h Js 3c");
    t.act(0, new Action.Call()).act(1, new Action.Check());
    while (t.state.hand() != null) {
      t.act(t.toAct(), new Action.Check());
    }
    assertThat(t.last().rake()).isEqualTo(1); // 5% of 20
    assertThat(t.last().totalAwards()).containsExactly(new Chips(0, 19));

    t.deal(List.of("As Ad", "Kc Kd"), "2c 7d 9h Js 3c");
    t.act(1, new Action.Raise(500)).act(0, new Action.Call());
    while (t.state.hand() != null) {
      t.act(t.toAct(), new Action.Check());
    }
    assertThat(t.last().rake()).as("5% of 1000 is 50, capped at 30").isEqualTo(30);
    assertThat(t.last().totalAwards()).containsExactly(new Chips(0, 970));
    assertThat(t.state.totalRake()).isEqualTo(31);
  }

  @Test
  void aBlindLargerThanTheStackPutsThePlayerAllInAndTheBoardRunsOut() {
    TestTable t = TestTable.seated(HEADS_UP, 1_000, 130);
    t.deal(List.of("2c 7d", "3c 8d"), "Kc Qd Jh 5s 6c");
    t.act(0, new Action.Raise(300)).act(1, new Action.Fold());
    assertThat(t.stack(1)).isEqualTo(30);

    t.deal(List.of("Kc Kd", "As Ad"), "2c 7d 9h Js 3c");
    // Seat 1 posts 30 of its 50 small blind; the big blind has nobody to bet against.
    assertThat(t.events(PublicEvent.BlindPosted.class).getLast().big()).isTrue();
    assertThat(t.events(PublicEvent.BlindPosted.class))
        .filteredOn(b -> b.seat() == 1 && b.allIn())
        .extracting(PublicEvent.BlindPosted::amount)
        .containsExactly(30L);
    assertThat(t.state.hand()).isNull();
    assertThat(t.last().showdown()).isTrue();
    assertThat(t.last().uncalled()).containsExactly(new Chips(0, 70));
    assertThat(t.last().totalAwards()).containsExactly(new Chips(1, 60));
    assertThat(List.of(t.stack(0), t.stack(1))).containsExactly(1_070L, 60L);
  }
}
