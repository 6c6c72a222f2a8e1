package dev.croupier.games.poker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.errors.CroupierException;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.table.SeatStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bots play more than 10,000 hands through the engine at tables of 2 to 9 seats, sitting down,
 * topping up, sitting out, leaving mid-hand and timing out. Chips are conserved after every step,
 * every illegal request is refused without a change, and the same seed replays the same tables.
 */
class PokerSimulationTest {
  private static final Logger log = LoggerFactory.getLogger(PokerSimulationTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SERVER_SEED =
      "9b1f0c6e3d2a4f5b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b";
  private static final int TABLES = 40;
  private static final int HANDS_PER_TABLE = 260;

  record Summary(
      List<TableState> finalStates,
      long hands,
      long showdowns,
      long sidePots,
      long splitPots,
      long timeouts,
      long leavesMidHand,
      long refused,
      long rake) {}

  @Test
  void tenThousandBotHandsConserveChipsAndReplayFromTheirSeed() {
    long started = System.nanoTime();
    Summary first = simulate(20240601L);
    long elapsed = (System.nanoTime() - started) / 1_000_000;
    log.info(
        "{} hands in {} ms: {} showdowns, {} side pots, {} split pots, {} timeouts, {} mid-hand"
            + " leaves, {} refused requests, rake {}",
        first.hands(),
        elapsed,
        first.showdowns(),
        first.sidePots(),
        first.splitPots(),
        first.timeouts(),
        first.leavesMidHand(),
        first.refused(),
        first.rake());

    assertThat(first.hands()).isGreaterThanOrEqualTo(10_000);
    // The bots reach every part of the rules.
    assertThat(first.showdowns()).isPositive();
    assertThat(first.sidePots()).isPositive();
    assertThat(first.splitPots()).isPositive();
    assertThat(first.timeouts()).isPositive();
    assertThat(first.leavesMidHand()).isPositive();
    assertThat(first.refused()).isPositive();
    assertThat(first.rake()).isPositive();

    Summary again = simulate(20240601L);
    assertThat(again).isEqualTo(first);
  }

  private static Summary simulate(long seed) {
    Random random = new Random(seed);
    List<TableState> finals = new ArrayList<>();
    long[] counters = new long[7];
    for (int table = 0; table < TABLES; table++) {
      finals.add(playTable(table, random, counters));
    }
    return new Summary(
        finals,
        counters[0],
        counters[1],
        counters[2],
        counters[3],
        counters[4],
        counters[5],
        counters[6],
        finals.stream().mapToLong(TableState::totalRake).sum());
  }

  private static TableState playTable(int table, Random random, long[] counters) {
    int seats = 2 + table % 8;
    TableConfig config = new TableConfig("COIN", seats, 5, 10, 200, 2_000, 500, 40);
    TableState state = PokerEngine.newTable(config);
    int nextPlayer = 0;
    int steps = 0;
    for (int hand = 0; hand < HANDS_PER_TABLE; hand++) {
      // Between hands: people come, go, top up and sit back in.
      for (int s = 0; s < seats; s++) {
        Seat seat = state.seat(s);
        if (!seat.occupied()) {
          if (random.nextInt(3) == 0) {
            String player = "t" + table + "-p" + nextPlayer++;
            long buyIn = 200 + random.nextInt(1_801);
            state = step(state, s, player, new Action.Sit(player, buyIn));
          }
        } else if (random.nextInt(60) == 0) {
          state = step(state, s, seat.playerId(), new Action.Leave());
        } else if (seat.stack() < 200) {
          state = step(state, s, seat.playerId(), new Action.TopUp(2_000 - seat.stack()));
          if (state.seat(s).status() == SeatStatus.SITTING_OUT) {
            state = step(state, s, seat.playerId(), new Action.SitIn());
          }
        } else if (seat.status() == SeatStatus.SITTING_OUT && random.nextInt(3) == 0) {
          state = step(state, s, seat.playerId(), new Action.SitIn());
        } else if (seat.status() == SeatStatus.PLAYING && random.nextInt(80) == 0) {
          state = step(state, s, seat.playerId(), new Action.SitOut());
        }
      }
      if (!PokerEngine.canStartHand(state)) {
        continue;
      }
      RoundSeed roundSeed = new RoundSeed(SERVER_SEED, "table-" + table, state.handNumber() + 1);
      Transition t = PokerEngine.startHand(state, roundSeed);
      assertThat(t.holeCards())
          .hasSize(
              t.state().hand() == null ? t.holeCards().size() : t.state().hand().players().size());
      state = t.state();
      PokerEngine.checkInvariants(state);
      while (state.hand() != null) {
        steps++;
        if (steps % 97 == 0) {
          state = roundTrip(state);
        }
        int roll = random.nextInt(100);
        if (roll < 4) {
          state = refuseOrApplyAnything(state, random, counters);
        } else if (roll < 6) {
          state = PokerEngine.applyTimeout(state).state();
          counters[4]++;
        } else if (roll < 7) {
          Seat seat = state.seat(random.nextInt(seats));
          if (seat.occupied() && !seat.leaving()) {
            boolean inHand = state.hand().player(seat.index()) != null;
            state = step(state, seat.index(), seat.playerId(), new Action.Leave());
            if (inHand) {
              counters[5]++;
            }
          }
        } else {
          int seat = state.hand().toAct();
          state = step(state, seat, state.seat(seat).playerId(), botAction(state, random));
        }
        PokerEngine.checkInvariants(state);
      }
      HandResult result = state.lastHand();
      counters[0]++;
      counters[1] += result.showdown() ? 1 : 0;
      counters[2] += result.pots().size() > 1 ? 1 : 0;
      counters[3] += result.pots().stream().filter(p -> p.awards().size() > 1).count();
      long stacks = state.seats().stream().mapToLong(Seat::stack).sum();
      assertThat(stacks + state.totalRake()).isEqualTo(state.totalBuyIns() - state.totalCashOuts());
    }
    return state;
  }

  private static Action botAction(TableState state, Random random) {
    LegalActions legal = PokerEngine.legalActions(state);
    int roll = random.nextInt(100);
    if (roll < 12 && !legal.canCheck()) {
      return new Action.Fold();
    }
    if (roll < 20 && (legal.canBet() || legal.canRaise())) {
      return new Action.AllIn();
    }
    if (roll < 40 && (legal.canBet() || legal.canRaise())) {
      long span = legal.maxTo() - legal.minTo();
      long to = legal.minTo() + (span == 0 ? 0 : random.nextLong(Math.min(span, 200) + 1));
      return legal.canBet() ? new Action.Bet(to) : new Action.Raise(to);
    }
    return legal.canCheck() ? new Action.Check() : new Action.Call();
  }

  /** Any action from any seat: either refused with a code and no change, or applied. */
  private static TableState refuseOrApplyAnything(
      TableState state, Random random, long[] counters) {
    int seat = random.nextInt(state.config().seatCount());
    String caller = random.nextInt(5) == 0 ? "intruder" : state.seat(seat).playerId();
    if (caller == null) {
      caller = "nobody";
    }
    Action action =
        switch (random.nextInt(7)) {
          case 0 -> new Action.Check();
          case 1 -> new Action.Call();
          case 2 -> new Action.Bet(random.nextInt(400) - 20);
          case 3 -> new Action.Raise(random.nextInt(4_000));
          case 4 -> new Action.AllIn();
          case 5 -> new Action.TopUp(random.nextInt(300));
          default -> new Action.Fold();
        };
    String who = caller;
    try {
      PokerEngine.validate(state, seat, who, action);
    } catch (CroupierException e) {
      assertThatThrownBy(() -> PokerEngine.apply(state, seat, who, action))
          .isInstanceOf(CroupierException.class)
          .extracting(x -> ((CroupierException) x).code())
          .isEqualTo(e.code());
      counters[6]++;
      return state;
    }
    return step(state, seat, who, action);
  }

  private static TableState step(TableState state, int seat, String playerId, Action action) {
    TableState next = PokerEngine.apply(state, seat, playerId, action).state();
    PokerEngine.checkInvariants(next);
    return next;
  }

  private static TableState roundTrip(TableState state) {
    try {
      TableState copy = JSON.readValue(JSON.writeValueAsBytes(state), TableState.class);
      assertThat(copy).isEqualTo(state);
      return copy;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
