package dev.croupier.games.poker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.table.PrivateDeal;
import dev.croupier.games.api.table.RoundEvidence;
import dev.croupier.games.api.table.SharedEvent;
import dev.croupier.games.poker.recall.HandRecords;
import dev.croupier.games.poker.recall.PokerHandRecall;
import dev.croupier.games.poker.recall.PokerHandRecaller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hand recall from the records alone: a hand played by the engine leaves its public events (as they
 * travel on {@code table.events}, through JSON), its sealed deals and its rake; the recaller
 * rebuilds it without the engine and cross-checks the records. Each kind of disagreement (the
 * board, a sealed deal, an amount, the ledger's rake, the history's moves, the commitment) fails
 * its own check and only that one.
 */
class PokerHandRecallTest {
  private static final String SERVER_SEED =
      "3ad3ce2f4c15a3c59b20d8fad7e7fa2825af80f368070f100879705889f538ca";
  private static final String COMMITMENT =
      "fca8cd3466b733247301081265992671d0b6da7be5f6948e9a170c7b0bab9019";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UUID TABLE = UUID.randomUUID();

  private final List<PublicEvent> events = new ArrayList<>();
  private List<HoleCardsDealt> dealt;
  private final List<HandRecords.HistoryAction> history = new ArrayList<>();
  private final List<RoundEvidence.RecordedMove> moves = new ArrayList<>();
  private long rake;

  /** Four seats, a raise, a call, a fold and an all-in showdown, with 5 % rake. */
  @BeforeEach
  void playAHand() throws Exception {
    TestTable t =
        TestTable.seated(TestTable.config(4, 50, 100, 500, 1_000), 1_000, 1_000, 800, 1_000);
    Transition step = PokerEngine.startHand(t.state, new RoundSeed(SERVER_SEED, "table-42", 1));
    dealt = step.holeCards();
    record(step);
    TableState state = step.state();
    List<Action> script = new ArrayList<>(List.of(new Action.Raise(300), new Action.Fold()));
    while (state.hand() != null) {
      int seat = state.hand().toAct();
      Action action = script.isEmpty() ? new Action.AllIn() : script.removeFirst();
      history.add(new HandRecords.HistoryAction(seat, kind(action)));
      moves.add(new RoundEvidence.RecordedMove(seat, PokerGame.move(action).toJson()));
      step = PokerEngine.apply(state, seat, "p" + seat, action);
      record(step);
      state = step.state();
    }
    rake = state.lastHand().rake();
    assertThat(rake).isPositive();
  }

  private void record(Transition step) throws Exception {
    for (PublicEvent e : step.events()) {
      // As a consumer of table.events reads it: the event's JSON, back to the type.
      events.add(JSON.readValue(JSON.writeValueAsString(e), PublicEvent.class));
    }
  }

  private static String kind(Action a) {
    return switch (a) {
      case Action.Raise r -> "RAISE";
      case Action.Fold f -> "FOLD";
      case Action.AllIn x -> "ALL_IN";
      default -> a.getClass().getSimpleName().toUpperCase();
    };
  }

  private HandRecords records(
      List<PublicEvent> events, String serverSeed, List<HoleCardsDealt> opened, Long rakePosted) {
    return new HandRecords(
        TABLE,
        1,
        events,
        new HandRecords.Epoch(1, COMMITMENT, "table-42", serverSeed),
        opened,
        rakePosted,
        history);
  }

  private static Map<String, String> verdicts(PokerHandRecall r) {
    return r.checks().stream()
        .collect(Collectors.toMap(PokerHandRecall.Check::name, PokerHandRecall.Check::verdict));
  }

  @Test
  @SuppressWarnings("unchecked")
  void thePluginContractRecallsTheSameHandFromPlatformRecordsAsJsonValues() {
    List<SharedEvent> shared = new ArrayList<>();
    for (PublicEvent e : events) {
      shared.add(new SharedEvent(1, JSON.convertValue(e, Map.class)));
    }
    List<PrivateDeal> deals =
        dealt.stream().map(h -> new PrivateDeal(1, h.seat(), h.playerId(), h.cards())).toList();
    RoundEvidence evidence =
        new RoundEvidence(
            TABLE,
            1,
            shared,
            new RoundEvidence.Epoch(1, COMMITMENT, "table-42", SERVER_SEED),
            deals,
            rake,
            moves);

    Map<String, Object> recalled = new PokerGame().recall(evidence).orElseThrow();

    Map<String, Object> direct =
        JSON.convertValue(
            PokerHandRecaller.recall(records(events, SERVER_SEED, dealt, rake)), Map.class);
    assertThat(JSON.convertValue(recalled, Map.class)).isEqualTo(direct);
    assertThat(recalled.get("consistent")).isEqualTo(true);
    // A move the history does not hold (the all-in sent as a call) is named, not thrown.
    List<RoundEvidence.RecordedMove> changed = new ArrayList<>(moves);
    changed.set(
        changed.size() - 1,
        new RoundEvidence.RecordedMove(moves.getLast().seat(), Map.of("type", "fold")));
    Map<String, Object> mismatch =
        new PokerGame()
            .recall(new RoundEvidence(TABLE, 1, shared, evidence.epoch(), deals, rake, changed))
            .orElseThrow();
    assertThat(mismatch.get("consistent")).isEqualTo(false);
    assertThat((List<Map<String, Object>>) mismatch.get("checks"))
        .anySatisfy(
            c -> {
              assertThat(c.get("name")).isEqualTo("history.actions");
              assertThat(c.get("verdict")).isEqualTo("FAIL");
            });
    // A round the events do not start is UNKNOWN_HAND.
    assertThatThrownBy(
            () ->
                new PokerGame()
                    .recall(
                        new RoundEvidence(TABLE, 2, shared, evidence.epoch(), deals, rake, moves)))
        .isInstanceOfSatisfying(
            CroupierException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_HAND));
  }

  @Test
  void aHandIsRebuiltFromItsRecordsAndEveryCheckPasses() throws Exception {
    PokerHandRecall r = PokerHandRecaller.recall(records(events, SERVER_SEED, dealt, rake));

    assertThat(r.consistent()).as(r.checks().toString()).isTrue();
    assertThat(verdicts(r))
        .containsOnlyKeys(
            "rng.commitment",
            "deck.board",
            "deck.showdown",
            "deck.holeCards",
            "chips.conservation",
            "chips.pots",
            "ledger.rake",
            "history.actions")
        .allSatisfy((name, verdict) -> assertThat(verdict).as(name).isEqualTo("PASS"));
    assertThat(r.deck().dealOrder()).containsExactly(1, 2, 3, 0);
    for (HoleCardsDealt d : dealt) {
      assertThat(
              r.seats().stream()
                  .filter(s -> s.seat() == d.seat())
                  .findFirst()
                  .orElseThrow()
                  .holeCards())
          .isEqualTo(d.cards());
    }
    assertThat(r.board()).hasSize(5).isEqualTo(r.deck().recomputedBoard());
    assertThat(r.blinds()).hasSize(2);
    assertThat(r.actions()).extracting(PokerHandRecall.Move::kind).startsWith("RAISE", "FOLD");
    assertThat(r.showdown()).isNotEmpty();
    assertThat(r.pots()).isNotEmpty();
    assertThat(r.rake().recorded()).isEqualTo(rake);
    assertThat(r.rake().posted()).isEqualTo(rake);
    // The JSON the workers answer and evidence bundles hold reads back as the same recall.
    ObjectMapper json = new ObjectMapper();
    assertThat(json.readValue(json.writeValueAsString(r), PokerHandRecall.class)).isEqualTo(r);
  }

  @Test
  void aBoardThatIsNotTheSeedsFailsTheBoardCheck() {
    List<PublicEvent> tampered =
        replace(
            e ->
                e instanceof PublicEvent.BoardDealt d && d.board().size() == 5
                    ? new PublicEvent.BoardDealt(
                        d.handNumber(), d.street(), d.cards(), swapLast(d.board()))
                    : e);
    PokerHandRecall r = PokerHandRecaller.recall(records(tampered, SERVER_SEED, dealt, rake));
    assertThat(r.consistent()).isFalse();
    assertThat(failed(r)).containsExactly("deck.board");
  }

  @Test
  void sealedCardsThatAreNotTheDealtOnesFailTheHoleCardCheck() {
    List<HoleCardsDealt> swapped = new ArrayList<>(dealt);
    HoleCardsDealt first = swapped.getFirst();
    HoleCardsDealt second = swapped.get(1);
    swapped.set(0, new HoleCardsDealt(1, first.seat(), first.playerId(), second.cards()));
    PokerHandRecall r = PokerHandRecaller.recall(records(events, SERVER_SEED, swapped, rake));
    assertThat(failed(r)).containsExactly("deck.holeCards");
    assertThat(r.checks().stream().filter(c -> c.name().equals("deck.holeCards")).findFirst())
        .get()
        .extracting(PokerHandRecall.Check::detail)
        .asString()
        .contains("seat " + first.seat());
  }

  @Test
  void anAmountChangedInOneEventFailsThePotCheck() {
    List<PublicEvent> tampered = new ArrayList<>();
    boolean changed = false;
    for (PublicEvent e : events) {
      if (!changed && e instanceof PublicEvent.ActionTaken a && a.added() > 0) {
        e =
            new PublicEvent.ActionTaken(
                a.handNumber(),
                a.seat(),
                a.kind(),
                a.added() + 1,
                a.streetBet(),
                a.stack(),
                a.allIn(),
                a.timedOut());
        changed = true;
      }
      tampered.add(e);
    }
    PokerHandRecall r = PokerHandRecaller.recall(records(tampered, SERVER_SEED, dealt, rake));
    assertThat(failed(r)).containsExactly("chips.pots");
  }

  @Test
  void aLedgerRakeThatDiffersFromTheHandsFailsTheLedgerCheck() {
    assertThat(failed(PokerHandRecaller.recall(records(events, SERVER_SEED, dealt, rake + 1))))
        .containsExactly("ledger.rake");
    assertThat(failed(PokerHandRecaller.recall(records(events, SERVER_SEED, dealt, null))))
        .containsExactly("ledger.rake");
  }

  @Test
  void aMoveTheHistoryDoesNotHoldFailsTheHistoryCheck() {
    history.removeLast();
    assertThat(failed(PokerHandRecaller.recall(records(events, SERVER_SEED, dealt, rake))))
        .containsExactly("history.actions");
  }

  @Test
  void aSeedThatIsNotTheCommittedOneFailsTheCommitment() {
    String other = SERVER_SEED.replace('3', '4');
    PokerHandRecall r = PokerHandRecaller.recall(records(events, other, dealt, rake));
    assertThat(failed(r)).contains("rng.commitment");
  }

  @Test
  void beforeTheRevealTheDeckIsNotCheckedAndTheOpenedCardsAreShown() {
    PokerHandRecall r = PokerHandRecaller.recall(records(events, null, dealt, rake));
    assertThat(r.consistent()).isTrue();
    assertThat(verdicts(r))
        .containsEntry("rng.commitment", "SKIPPED")
        .containsEntry("deck.board", "SKIPPED")
        .containsEntry("deck.holeCards", "SKIPPED")
        .containsEntry("chips.pots", "PASS");
    assertThat(r.deck().recomputedBoard()).isEmpty();
    assertThat(r.seats().getFirst().holeCards())
        .isEqualTo(
            dealt.stream()
                .filter(d -> d.seat() == r.seats().getFirst().seat())
                .findFirst()
                .orElseThrow()
                .cards());
  }

  @Test
  void aHandTheRecordsDoNotStartIsRefused() {
    assertThatThrownBy(
            () ->
                PokerHandRecaller.recall(
                    new HandRecords(
                        TABLE,
                        7,
                        events,
                        new HandRecords.Epoch(1, COMMITMENT, "table-42", SERVER_SEED),
                        null,
                        null,
                        null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hand 7");
  }

  private List<PublicEvent> replace(UnaryOperator<PublicEvent> f) {
    return events.stream().map(f).toList();
  }

  private static List<String> swapLast(List<String> board) {
    List<String> b = new ArrayList<>(board);
    b.set(4, b.get(4).equals("2c") ? "3c" : "2c");
    return b;
  }

  private static List<String> failed(PokerHandRecall r) {
    return r.checks().stream()
        .filter(c -> c.verdict().equals("FAIL"))
        .map(PokerHandRecall.Check::name)
        .toList();
  }
}
