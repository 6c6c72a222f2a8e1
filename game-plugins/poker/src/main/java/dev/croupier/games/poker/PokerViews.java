package dev.croupier.games.poker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.croupier.games.api.table.SeatFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The game part of a poker table's view as JSON values ({@link PokerGame#view}), and the engine's
 * {@link TableView} read back from a platform view, for bots, benchmarks and tests that play poker
 * through the platform.
 *
 * <p>The JSON is the engine's records with player ids left out (the platform shows seats with their
 * players; the gateway shows display names, never ids): {@code smallBlind}, {@code bigBlind},
 * {@code hand} (the running hand: button, blinds, street, board, pot, bet level, seat to act, each
 * player's bets and, for the viewer only, hole cards, and the viewer's legal moves on their turn)
 * and {@code lastHand} (the last hand's settlement, with {@code awards}, the total each seat won).
 */
public final class PokerViews {
  private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private PokerViews() {}

  /** The game part of the view {@code v}. */
  static Map<String, Object> of(TableView v) {
    Map<String, Object> game = new LinkedHashMap<>();
    game.put("smallBlind", v.config().smallBlind());
    game.put("bigBlind", v.config().bigBlind());
    game.put("hand", v.hand() == null ? null : hand(v.hand()));
    game.put("lastHand", v.lastHand() == null ? null : lastHand(v.lastHand()));
    return game;
  }

  private static Map<String, Object> hand(TableView.HandView hand) {
    Map<String, Object> m = JSON.convertValue(hand, JSON_OBJECT);
    List<Map<String, Object>> players = new ArrayList<>();
    for (TableView.PlayerView p : hand.players()) {
      Map<String, Object> player = JSON.convertValue(p, JSON_OBJECT);
      player.remove("playerId");
      players.add(player);
    }
    m.put("players", players);
    return m;
  }

  private static Map<String, Object> lastHand(HandResult result) {
    Map<String, Object> m = JSON.convertValue(result, JSON_OBJECT);
    m.put("awards", JSON.convertValue(result.totalAwards(), List.class));
    return m;
  }

  /**
   * The engine's view from a platform view's parts.
   *
   * @param viewerSeat the viewer's seat, or -1 for a spectator
   * @param handNumber the last hand started
   * @param seats the platform's seats
   * @param game the game part, as {@link PokerGame#view} wrote it; its player ids are filled in
   *     from {@code seats}
   */
  public static TableView read(
      int viewerSeat, long handNumber, List<SeatFacts> seats, Map<String, Object> game) {
    List<TableView.SeatView> seatViews = new ArrayList<>();
    for (SeatFacts s : seats) {
      seatViews.add(new TableView.SeatView(s.index(), s.playerId(), s.stack(), s.status()));
    }
    TableView.HandView hand = null;
    if (game.get("hand") instanceof Map<?, ?> h) {
      TableView.HandView read = JSON.convertValue(h, TableView.HandView.class);
      List<TableView.PlayerView> players = new ArrayList<>();
      for (TableView.PlayerView p : read.players()) {
        players.add(
            new TableView.PlayerView(
                p.seat(),
                seats.get(p.seat()).playerId(),
                p.streetBet(),
                p.totalBet(),
                p.folded(),
                p.allIn(),
                p.holeCards()));
      }
      hand =
          new TableView.HandView(
              read.number(),
              read.button(),
              read.smallBlindSeat(),
              read.bigBlindSeat(),
              read.street(),
              read.board(),
              read.pot(),
              read.currentBet(),
              read.toAct(),
              players,
              read.legal());
    }
    HandResult last =
        game.get("lastHand") instanceof Map<?, ?> l ? JSON.convertValue(l, HandResult.class) : null;
    return new TableView(null, viewerSeat, handNumber, seatViews, hand, last);
  }
}
