package dev.croupier.games.poker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hole-card privacy, and serialisation as the workflow's data converter does it. */
class PokerPrivacyAndJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static TestTable threeHanded() {
    TestTable t = TestTable.seated(TestTable.config(3, 50, 100, 0, 0), 1_000, 1_000, 1_000);
    t.deal(List.of("As Kd", "Qh Jh", "7c 2d"), "Tc 9s 5h 4d 3c");
    return t;
  }

  @Test
  void aPlayerSeesOnlyTheirOwnHoleCardsAndASpectatorNone() {
    TestTable t = threeHanded();
    TableView mine = PokerEngine.view(t.state, 0);
    assertThat(mine.hand().players())
        .extracting(TableView.PlayerView::seat, TableView.PlayerView::holeCards)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, Cards.parse("As Kd")),
            org.assertj.core.groups.Tuple.tuple(1, List.of()),
            org.assertj.core.groups.Tuple.tuple(2, List.of()));
    assertThat(mine.hand().legal()).as("seat 0 is to act").isNotNull();
    assertThat(PokerEngine.view(t.state, 1).hand().legal()).isNull();
    assertThat(PokerEngine.spectatorView(t.state).hand().players())
        .allSatisfy(p -> assertThat(p.holeCards()).isEmpty());
  }

  @Test
  void publicEventsAndViewsNeverCarryUnshownHoleCards() throws Exception {
    TestTable t = threeHanded();
    t.act(0, new Action.Raise(300)).act(1, new Action.Call()).act(2, new Action.Fold());
    while (t.state.hand() != null) {
      t.act(t.toAct(), new Action.Check());
    }
    // Seat 2 folded: its cards were dealt privately and never shown.
    String published = JSON.writeValueAsString(t.events);
    String spectator = JSON.writeValueAsString(PokerEngine.spectatorView(t.state));
    for (String card : Cards.parse("7c 2d")) {
      assertThat(published).doesNotContain('"' + card + '"');
      assertThat(spectator).doesNotContain('"' + card + '"');
    }
    // The showdown's hands are public.
    assertThat(published).contains("\"As\"", "\"Qh\"");
    assertThat(t.holeCards)
        .extracting(HoleCardsDealt::seat, HoleCardsDealt::playerId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "p1"),
            org.assertj.core.groups.Tuple.tuple(2, "p2"),
            org.assertj.core.groups.Tuple.tuple(0, "p0"));
  }

  @Test
  void statesActionsAndEventsSurviveAJsonRoundTrip() throws Exception {
    TestTable t = threeHanded();
    t.act(0, new Action.Raise(300));
    TableState copy = JSON.readValue(JSON.writeValueAsString(t.state), TableState.class);
    assertThat(copy).isEqualTo(t.state);
    // The copy plays on exactly like the original.
    assertThat(PokerEngine.apply(copy, 1, "p1", new Action.Call()))
        .isEqualTo(PokerEngine.apply(t.state, 1, "p1", new Action.Call()));

    List<Action> actions =
        List.of(
            new Action.Sit("p7", 500),
            new Action.TopUp(5),
            new Action.SitOut(),
            new Action.SitIn(),
            new Action.Leave(),
            new Action.Fold(),
            new Action.Check(),
            new Action.Call(),
            new Action.Bet(200),
            new Action.Raise(600),
            new Action.AllIn());
    for (Action action : actions) {
      String json = JSON.writeValueAsString(action);
      assertThat(JSON.readValue(json, Action.class)).as(json).isEqualTo(action);
    }
    assertThat(JSON.writeValueAsString(new Action.Raise(600)))
        .isEqualTo("{\"type\":\"raise\",\"to\":600}");
    for (PublicEvent event : t.events) {
      String json = JSON.writeValueAsString(event);
      assertThat(JSON.readValue(json, PublicEvent.class)).as(json).isEqualTo(event);
    }
  }
}
