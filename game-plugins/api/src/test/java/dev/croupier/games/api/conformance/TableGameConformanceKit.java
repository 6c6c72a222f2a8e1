package dev.croupier.games.api.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.Certified;
import dev.croupier.games.api.GameDescriptor;
import dev.croupier.games.api.GameKind;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.TableGame;
import dev.croupier.games.api.table.PrivateDeal;
import dev.croupier.games.api.table.SeatFacts;
import dev.croupier.games.api.table.SeatStatus;
import dev.croupier.games.api.table.Settlement;
import dev.croupier.games.api.table.SharedEvent;
import dev.croupier.games.api.table.TableFacts;
import dev.croupier.games.api.table.TableMove;
import dev.croupier.games.api.table.TableStep;
import dev.croupier.games.api.table.TableTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit of the {@link TableGame} contract: every table game's test extends this class
 * and supplies the game and a table configuration. It plays the game through the contract only, as
 * the table workflow does, with seeded bots that send random moves from the game's {@code
 * clientInfo().moves} (and let the action clock move when the game refuses them), and checks after
 * every step: determinism (the same run twice gives equal steps), that a refused move changes
 * nothing, chip conservation and that the settlements account for every chip that left the table,
 * the state's round trip through {@link TableGame#save} and JSON (as Temporal's converter carries
 * it across continue-as-new), private deals (one per seat dealt in, seen by their seat only), and
 * the seat moves' error codes.
 *
 * <p>Every random input is fixed, so a run is reproducible and never flaky. Consumers need
 * junit-jupiter, assertj-core and jackson-databind on their test class path.
 *
 * @param <S> the game's state type
 */
public abstract class TableGameConformanceKit<S> {
  private static final String SERVER_SEED =
      "3e1d0c2b9a7f4e6d8c5b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f0e1d";
  private static final String CLIENT_SEED = "table-kit";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TableGame<S> game;
  private TableTerms terms;

  /** A new instance of the game under test, as its provider creates it. */
  protected abstract TableGame<S> newGame();

  /** A configuration that makes a table of at least three seats. */
  protected abstract Map<String, Object> config();

  /** A configuration that makes no table (for example a maximum buy-in below the minimum). */
  protected abstract Map<String, Object> badConfig();

  /** Rounds each bot run plays. */
  protected int rounds() {
    return 300;
  }

  @BeforeEach
  void createGame() {
    game = newGame();
    terms = game.terms(config());
  }

  // ---- Descriptor, discovery, configuration.

  @Test
  void descriptorIsATableGameWithAContentHashAndItsProviderRegistersIt() {
    GameDescriptor d = game.descriptor();
    assertThat(d.kind()).isEqualTo(GameKind.TABLE);
    assertThat(game.kind()).isEqualTo(GameKind.TABLE);
    assertThat(Certified.isHash(d.contentHash())).as("content hash").isTrue();
    GameRegistry registry = GameRegistry.load(getClass().getClassLoader());
    assertThat(registry.table(d.ref()).descriptor()).isEqualTo(d);
    assertThat(registry.table(d.ref()).getClass()).isEqualTo(game.getClass());
    assertError(() -> registry.round(d.ref()), ErrorCode.UNKNOWN_GAME);
    assertThat(moves()).as("clientInfo().moves").isNotEmpty();
  }

  @Test
  void aNewTableHasEveryConfiguredSeatEmptyAndNoChips() {
    TableFacts facts = game.facts(game.newTable(config()));
    assertThat(facts.seats()).hasSize(terms.seats());
    assertThat(facts.seats()).allSatisfy(s -> assertThat(s.status()).isEqualTo(SeatStatus.EMPTY));
    assertThat(facts.round()).isZero();
    assertThat(facts.roundRunning()).isFalse();
    assertThat(facts.toAct()).isEqualTo(-1);
    assertThat(facts.chipsInPlay()).isZero();
    assertThat(game.canStartRound(game.newTable(config()))).isFalse();
  }

  @Test
  void aConfigurationThatMakesNoTableIsRefused() {
    assertError(() -> game.terms(badConfig()), ErrorCode.VALIDATION_FAILED);
    assertError(() -> game.newTable(badConfig()), ErrorCode.VALIDATION_FAILED);
  }

  // ---- Seat moves.

  @Test
  void seatMovesAreRefusedWithTheirCodesAndChangeNothing() {
    S empty = game.newTable(config());
    S one = game.apply(empty, 0, "p0", TableMove.sit("p0", terms.minBuyIn())).state();
    assertThat(game.facts(one).seat(0).playerId()).isEqualTo("p0");
    assertThat(game.facts(one).seat(0).stack()).isEqualTo(terms.minBuyIn());
    assertThat(game.facts(one).totalBuyIns()).isEqualTo(terms.minBuyIn());

    assertRefused(one, 0, "p1", TableMove.sit("p1", terms.minBuyIn()), ErrorCode.SEAT_TAKEN);
    assertRefused(one, 1, "p0", TableMove.sit("p0", terms.minBuyIn()), ErrorCode.ALREADY_SEATED);
    assertRefused(
        one, 1, "p1", TableMove.sit("p1", terms.minBuyIn() - 1), ErrorCode.BUY_IN_OUT_OF_RANGE);
    assertRefused(
        one, 1, "p1", TableMove.sit("p1", terms.maxBuyIn() + 1), ErrorCode.BUY_IN_OUT_OF_RANGE);
    assertRefused(one, 1, "p1", TableMove.sit("p0", terms.minBuyIn()), ErrorCode.NOT_YOUR_SEAT);
    assertRefused(one, 0, "p1", TableMove.of(TableMove.LEAVE), ErrorCode.NOT_YOUR_SEAT);
    assertRefused(one, 1, "p1", TableMove.of(TableMove.SIT_OUT), ErrorCode.NOT_YOUR_SEAT);
    assertRefused(
        one,
        terms.seats(),
        "p1",
        TableMove.sit("p1", terms.minBuyIn()),
        ErrorCode.VALIDATION_FAILED);
    assertRefused(
        one, -1, "p1", TableMove.sit("p1", terms.minBuyIn()), ErrorCode.VALIDATION_FAILED);
    assertRefused(one, 0, "p0", TableMove.of("no-such-move"), ErrorCode.VALIDATION_FAILED);
    assertRefused(
        one,
        1,
        "p1",
        new TableMove(TableMove.SIT, Map.of("playerId", "p1")),
        ErrorCode.MALFORMED_MESSAGE);

    TableStep<S> left = game.apply(one, 0, "p0", TableMove.of(TableMove.LEAVE));
    assertThat(left.settlements())
        .containsExactly(new Settlement.CashOut(0, "p0", terms.minBuyIn()));
    assertThat(game.facts(left.state()).seat(0).status()).isEqualTo(SeatStatus.EMPTY);
    assertThat(game.facts(left.state()).totalCashOuts()).isEqualTo(terms.minBuyIn());
  }

  // ---- Bots.

  @Test
  void botsPlayByTheContractAndEveryChipIsAccountedFor() {
    Run first = play(17);
    assertThat(first.roundsPlayed).as("rounds played").isGreaterThanOrEqualTo(rounds() / 2);
    assertThat(first.movesApplied).as("moves the game accepted").isGreaterThan(rounds());
    assertThat(first.movesRefused).as("moves the game refused").isPositive();
    assertThat(first.deals).as("private deals").isGreaterThanOrEqualTo(2L * first.roundsPlayed);
  }

  @Test
  void theSameRunTwiceGivesEqualSteps() {
    Run a = play(23);
    Run b = play(23);
    assertThat(b.trace).isEqualTo(a.trace);
    assertThat(b.finalState).isEqualTo(a.finalState);
  }

  private Run play(long seed) {
    Random random = new Random(seed);
    Run run = new Run();
    S state = game.newTable(config());
    int players = Math.min(terms.seats(), 4);
    for (int i = 0; i < players; i++) {
      state = step(run, state, i, "p" + i, TableMove.sit("p" + i, buyIn(random)));
    }
    int handsStarted = 0;
    for (int guard = 0; guard < rounds() * 200 && handsStarted < rounds(); guard++) {
      TableFacts facts = game.facts(state);
      if (!facts.roundRunning()) {
        state = betweenRounds(run, state, random);
        if (game.canStartRound(state)) {
          String visibleBefore = everyView(state);
          long round = game.facts(state).round() + 1;
          TableStep<S> started =
              game.startRound(state, new RoundSeed(SERVER_SEED, CLIENT_SEED, round));
          state = accept(run, state, started);
          handsStarted++;
          run.roundsPlayed++;
          checkDeals(started, visibleBefore, state);
        }
        continue;
      }
      int seat = facts.toAct();
      if (seat < 0) {
        // Nobody is to act but the round runs: the game must have dealt it out already.
        throw new AssertionError("a running round waits for nobody: " + facts);
      }
      String player = facts.seat(seat).playerId();
      TableMove move = randomMove(random, facts.seat(seat));
      int other = (seat + 1 + random.nextInt(facts.seats().size() - 1)) % facts.seats().size();
      if (random.nextInt(8) == 0 && facts.seat(other).occupied()) {
        // Out of turn: a game move from a seat the round does not wait for is refused.
        S current = state;
        String otherPlayer = facts.seat(other).playerId();
        assertThatThrownBy(() -> game.validate(current, other, otherPlayer, move))
            .as("a move out of turn is refused")
            .isInstanceOf(CroupierException.class)
            .extracting(e -> ((CroupierException) e).code())
            .isIn(ErrorCode.NOT_YOUR_TURN, ErrorCode.ILLEGAL_ACTION);
        run.movesRefused++;
      }
      try {
        game.validate(state, seat, player, move);
      } catch (CroupierException refused) {
        run.movesRefused++;
        assertRefused(state, seat, player, move, refused.code());
        TableStep<S> timedOut = game.applyTimeout(state);
        state = accept(run, state, timedOut);
        continue;
      }
      state = step(run, state, seat, player, move);
    }
    run.finalState = game.save(state);
    return run;
  }

  /** Sometimes a bust player tops up, someone sits out or back in, or leaves and comes back. */
  private S betweenRounds(Run run, S state, Random random) {
    TableFacts facts = game.facts(state);
    for (SeatFacts s : facts.seats()) {
      if (!s.occupied()) {
        continue;
      }
      if (s.stack() == 0 || random.nextInt(40) == 0) {
        state = step(run, state, s.index(), s.playerId(), TableMove.of(TableMove.LEAVE));
        state =
            step(run, state, s.index(), s.playerId(), TableMove.sit(s.playerId(), buyIn(random)));
      } else if (s.status() == SeatStatus.PLAYING && random.nextInt(30) == 0) {
        state = step(run, state, s.index(), s.playerId(), TableMove.of(TableMove.SIT_OUT));
      } else if (s.status() == SeatStatus.SITTING_OUT) {
        state = step(run, state, s.index(), s.playerId(), TableMove.of(TableMove.SIT_IN));
      }
    }
    return state;
  }

  private S step(Run run, S state, int seat, String player, TableMove move) {
    game.validate(state, seat, player, move);
    run.movesApplied++;
    return accept(run, state, game.apply(state, seat, player, move));
  }

  /** Checks one step's result against the state before it, and keeps it in the run's trace. */
  private S accept(Run run, S before, TableStep<S> step) {
    S after = step.state();
    TableFacts was = game.facts(before);
    TableFacts now = game.facts(after);
    game.checkInvariants(after);
    assertThat(now.chipsInPlay() + now.totalRake() + now.totalCashOuts())
        .as("chips in play + rake + cash-outs == buy-ins")
        .isEqualTo(now.totalBuyIns());
    long rake = 0;
    long cashOuts = 0;
    for (Settlement s : step.settlements()) {
      switch (s) {
        case Settlement.Rake r -> rake += r.amount();
        case Settlement.CashOut c -> {
          cashOuts += c.amount();
          assertThat(was.seat(c.seat()).playerId()).isEqualTo(c.playerId());
        }
      }
    }
    assertThat(now.totalRake() - was.totalRake()).as("rake settled").isEqualTo(rake);
    assertThat(now.totalCashOuts() - was.totalCashOuts())
        .as("cash-outs settled")
        .isEqualTo(cashOuts);
    assertThat(now.seats()).allSatisfy(s -> assertThat(s.stack()).isNotNegative());
    for (SharedEvent e : step.events()) {
      assertThat(e.round()).isBetween(was.round(), now.round());
      assertThat(text(e.event())).doesNotContain("\"deck\"");
    }
    // Across continue-as-new the state travels as JSON values and must come back equal.
    Map<String, Object> saved = game.save(after);
    Map<String, Object> carried = roundTrip(saved);
    S restored = game.restore(carried);
    assertThat(restored).as("restore(save(state))").isEqualTo(after);
    assertThat(game.facts(restored)).isEqualTo(now);
    run.trace.add(List.of(text(step.events()), text(step.deals()), step.settlements().toString()));
    run.deals += step.deals().size();
    return after;
  }

  /**
   * One private deal per seat dealt in, each for that seat's player; while the round runs no other
   * view shows a dealt card that was not already visible before the round (a card shown in the last
   * round's settlement may be dealt again).
   */
  private void checkDeals(TableStep<S> started, String visibleBefore, S state) {
    TableFacts facts = game.facts(state);
    assertThat(started.deals()).as("private deals").isNotEmpty();
    for (PrivateDeal deal : started.deals()) {
      assertThat(deal.round()).isEqualTo(facts.round());
      assertThat(facts.seat(deal.seat()).playerId()).isEqualTo(deal.playerId());
      if (!facts.roundRunning()) {
        continue; // settled at once (everyone all-in): what was dealt may have been shown
      }
      String own = text(game.view(state, deal.seat()));
      for (String card : deal.cards()) {
        assertThat(own).as("seat %d sees its own card", deal.seat()).contains('"' + card + '"');
        if (visibleBefore.contains('"' + card + '"')) {
          continue;
        }
        for (int viewer = -1; viewer < facts.seats().size(); viewer++) {
          if (viewer != deal.seat()) {
            assertThat(text(game.view(state, viewer)))
                .as("seat %d's view shows seat %d's card", viewer, deal.seat())
                .doesNotContain('"' + card + '"');
          }
        }
      }
      for (String card : deal.cards()) {
        assertThat(text(started.events())).doesNotContain('"' + card + '"');
      }
    }
  }

  private String everyView(S state) {
    StringBuilder all = new StringBuilder();
    for (int viewer = -1; viewer < game.facts(state).seats().size(); viewer++) {
      all.append(text(game.view(state, viewer)));
    }
    return all.toString();
  }

  private TableMove randomMove(Random random, SeatFacts seat) {
    List<Map<String, Object>> moves = moves();
    Map<String, Object> spec = moves.get(random.nextInt(moves.size()));
    String type = (String) spec.get("type");
    if (Boolean.TRUE.equals(spec.get("takesAmount"))) {
      long top = Math.max(2, seat.stack() * 2);
      long amount = 1 + (long) (random.nextDouble() * top);
      return new TableMove(type, Map.of("amount", amount));
    }
    return TableMove.of(type);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> moves() {
    Object moves = game.clientInfo().get("moves");
    assertThat(moves).as("clientInfo().moves lists the game's moves").isInstanceOf(List.class);
    return (List<Map<String, Object>>) moves;
  }

  private long buyIn(Random random) {
    return terms.minBuyIn() + (long) (random.nextDouble() * (terms.maxBuyIn() - terms.minBuyIn()));
  }

  private void assertRefused(S state, int seat, String player, TableMove move, ErrorCode code) {
    Map<String, Object> before = game.save(state);
    assertError(() -> game.validate(state, seat, player, move), code);
    assertError(() -> game.apply(state, seat, player, move), code);
    assertThat(game.save(state)).as("a refused move changes nothing").isEqualTo(before);
  }

  private static void assertError(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOf(CroupierException.class)
        .extracting(e -> ((CroupierException) e).code())
        .isEqualTo(code);
  }

  private static Map<String, Object> roundTrip(Map<String, Object> saved) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> read = JSON.readValue(JSON.writeValueAsString(saved), Map.class);
      return read;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String text(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static final class Run {
    final List<List<String>> trace = new ArrayList<>();
    Map<String, Object> finalState;
    int roundsPlayed;
    long movesApplied;
    long movesRefused;
    long deals;
  }
}
