package dev.croupier.games.api.table;

import java.util.List;

/**
 * What the platform reads off a table's state to run it (deal, time out, cash out, account), the
 * same for every table game.
 *
 * @param round the number of the last round started (a poker hand), 0 before the first
 * @param roundRunning whether a round is being played
 * @param toAct the seat whose move the round waits for, or -1 when it waits for nobody
 * @param seats every seat, by index
 * @param chipsInPlay chips the table holds for its players: stacks plus chips committed to the
 *     running round; always equal to the table's escrow balance in the ledger
 * @param totalBuyIns every chip brought to the table
 * @param totalCashOuts every chip taken away by players who left
 * @param totalRake every chip the house took
 */
public record TableFacts(
    long round,
    boolean roundRunning,
    int toAct,
    List<SeatFacts> seats,
    long chipsInPlay,
    long totalBuyIns,
    long totalCashOuts,
    long totalRake) {

  public TableFacts {
    seats = List.copyOf(seats);
  }

  /** One seat. */
  public SeatFacts seat(int index) {
    return seats.get(index);
  }

  /** The seat {@code playerId} holds, or -1. */
  public int seatOf(String playerId) {
    if (playerId != null) {
      for (SeatFacts s : seats) {
        if (playerId.equals(s.playerId())) {
          return s.index();
        }
      }
    }
    return -1;
  }

  /** Seats taken. */
  public int seated() {
    int n = 0;
    for (SeatFacts s : seats) {
      if (s.occupied()) {
        n++;
      }
    }
    return n;
  }

  /** Seats that will be dealt into the next round. */
  public int readyToPlay() {
    int n = 0;
    for (SeatFacts s : seats) {
      if (s.readyToPlay()) {
        n++;
      }
    }
    return n;
  }

  /** The player's stack, or 0 when {@code playerId} holds no seat. */
  public long stackOf(String playerId) {
    int seat = seatOf(playerId);
    return seat < 0 ? 0 : seats.get(seat).stack();
  }
}
