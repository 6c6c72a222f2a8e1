package dev.croupier.games.poker;

import dev.croupier.games.api.table.SeatStatus;
import java.util.List;

/**
 * The table as one player, or a spectator, may see it: no deck, and no hole cards but the viewer's
 * own (cards shown at a showdown are in {@link HandResult#shown()} of {@link #lastHand}).
 *
 * @param config the stakes and limits
 * @param viewerSeat the viewer's seat, or -1 for a spectator
 * @param handNumber the last hand started
 * @param seats every seat
 * @param hand the running hand, or null between hands
 * @param lastHand the last finished hand's settlement, or null
 */
public record TableView(
    TableConfig config,
    int viewerSeat,
    long handNumber,
    List<SeatView> seats,
    HandView hand,
    HandResult lastHand) {

  public TableView {
    seats = List.copyOf(seats);
  }

  /** A seat as everyone sees it. */
  public record SeatView(int index, String playerId, long stack, SeatStatus status) {}

  /**
   * The running hand.
   *
   * @param legal what the viewer may do, when it is the viewer's turn; otherwise null
   */
  public record HandView(
      long number,
      int button,
      int smallBlindSeat,
      int bigBlindSeat,
      Street street,
      List<String> board,
      long pot,
      long currentBet,
      int toAct,
      List<PlayerView> players,
      LegalActions legal) {
    public HandView {
      board = List.copyOf(board);
      players = List.copyOf(players);
    }
  }

  /** A seat in the running hand; {@code holeCards} is empty unless it is the viewer's seat. */
  public record PlayerView(
      int seat,
      String playerId,
      long streetBet,
      long totalBet,
      boolean folded,
      boolean allIn,
      List<String> holeCards) {
    public PlayerView {
      holeCards = List.copyOf(holeCards);
    }
  }
}
