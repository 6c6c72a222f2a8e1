package dev.croupier.gateway.ws;

import dev.croupier.games.poker.HandResult;
import dev.croupier.games.poker.LegalActions;
import dev.croupier.games.poker.TableConfig;
import dev.croupier.games.poker.TableView;
import dev.croupier.workflows.table.TableSnapshot;
import dev.croupier.workflows.table.TableSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code table.view} payload (PROTOCOL.md, "Poker tables") from the workflow's snapshot for one
 * watcher: the engine's records mapped at the edge, players shown by display name (never by user
 * id), hole cards only where the snapshot has them (the viewer's own, and at a showdown the ones
 * shown in {@code lastHand}).
 */
final class TableViews {
  private TableViews() {}

  /**
   * @param names the display name of a seated player id
   * @param now the gateway's clock, sent as {@code serverTime} so clients can run the action clock
   *     whatever their own clock says
   */
  static Map<String, Object> payload(TableSnapshot s, Function<String, String> names, Instant now) {
    TableSummary summary = s.summary();
    TableView v = s.view();
    TableConfig config = v.config();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("tableId", summary.tableId().toString());
    p.put("name", summary.name());
    p.put("stakes", summary.stakes());
    p.put("currency", config.currency());
    p.put("smallBlind", config.smallBlind());
    p.put("bigBlind", config.bigBlind());
    p.put("minBuyIn", config.minBuyIn());
    p.put("maxBuyIn", config.maxBuyIn());
    p.put("seatCount", config.seatCount());
    p.put("seated", summary.seated());
    p.put("eventSeq", s.eventSeq());
    p.put("closing", s.closing());
    p.put("viewerSeat", v.viewerSeat());
    p.put("handNumber", v.handNumber());
    p.put("actionSeconds", s.actionTimeoutMillis() / 1000.0);
    p.put("serverTime", now.toString());
    List<Map<String, Object>> seats = new ArrayList<>();
    for (TableView.SeatView seat : v.seats()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seat", seat.index());
      m.put("status", seat.status().name());
      m.put("stack", seat.stack());
      m.put("displayName", seat.playerId() == null ? null : names.apply(seat.playerId()));
      seats.add(m);
    }
    p.put("seats", seats);
    p.put("hand", v.hand() == null ? null : hand(v.hand(), s.turnDeadlineMillis()));
    p.put("lastHand", v.lastHand() == null ? null : lastHand(v.lastHand()));
    return p;
  }

  private static Map<String, Object> hand(TableView.HandView h, long deadlineMillis) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", h.number());
    m.put("button", h.button());
    m.put("smallBlindSeat", h.smallBlindSeat());
    m.put("bigBlindSeat", h.bigBlindSeat());
    m.put("street", h.street().name());
    m.put("board", h.board());
    m.put("pot", h.pot());
    m.put("currentBet", h.currentBet());
    m.put("toAct", h.toAct());
    List<Map<String, Object>> players = new ArrayList<>();
    for (TableView.PlayerView pl : h.players()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("seat", pl.seat());
      x.put("streetBet", pl.streetBet());
      x.put("totalBet", pl.totalBet());
      x.put("folded", pl.folded());
      x.put("allIn", pl.allIn());
      x.put("holeCards", pl.holeCards());
      players.add(x);
    }
    m.put("players", players);
    m.put("legal", legal(h.legal()));
    m.put(
        "actionDeadline",
        deadlineMillis > 0 ? Instant.ofEpochMilli(deadlineMillis).toString() : null);
    return m;
  }

  private static @Nullable Map<String, Object> legal(@Nullable LegalActions l) {
    if (l == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("toCall", l.toCall());
    m.put("canCheck", l.canCheck());
    m.put("canBet", l.canBet());
    m.put("canRaise", l.canRaise());
    m.put("minTo", l.minTo());
    m.put("maxTo", l.maxTo());
    return m;
  }

  private static Map<String, Object> lastHand(HandResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("handNumber", r.handNumber());
    m.put("board", r.board());
    m.put("showdown", r.showdown());
    List<Map<String, Object>> shown = new ArrayList<>();
    for (HandResult.ShownHand h : r.shown()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("seat", h.seat());
      x.put("cards", h.cards());
      x.put("category", h.category().name());
      shown.add(x);
    }
    m.put("shown", shown);
    List<Map<String, Object>> pots = new ArrayList<>();
    for (HandResult.Pot pot : r.pots()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("index", pot.index());
      x.put("amount", pot.amount());
      x.put("rake", pot.rake());
      x.put("awards", chips(pot.awards()));
      pots.add(x);
    }
    m.put("pots", pots);
    m.put("rake", r.rake());
    m.put("awards", chips(r.totalAwards()));
    return m;
  }

  private static List<Map<String, Object>> chips(List<HandResult.Chips> chips) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (HandResult.Chips c : chips) {
      out.add(Map.of("seat", c.seat(), "amount", c.amount()));
    }
    return out;
  }
}
