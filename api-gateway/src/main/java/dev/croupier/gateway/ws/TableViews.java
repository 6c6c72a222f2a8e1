package dev.croupier.gateway.ws;

import dev.croupier.games.api.table.SeatFacts;
import dev.croupier.workflows.table.SeedEpoch;
import dev.croupier.workflows.table.TableSnapshot;
import dev.croupier.workflows.table.TableSummary;
import dev.croupier.workflows.table.TableView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code table.view} payload (PROTOCOL.md, "Tables") from the workflow's snapshot for one
 * watcher, for any table game: the platform's part (the lobby entry, the seats with players shown
 * by display name, never by user id, the round, the action clock) and the game's own part of the
 * view beside it, as the game wrote it (for poker: blinds, the running hand, the last hand). The
 * game's part names players by seat only and holds the viewer's own private cards only; a game key
 * named like a platform key never replaces it. {@code fairness} gives the running seed epoch's
 * commitment and the last ended epochs' revealed seeds, so a player can verify the rounds they
 * played.
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
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("tableId", summary.tableId().toString());
    p.put("name", summary.name());
    p.put("game", summary.game());
    p.put("stakes", summary.stakes());
    p.put("currency", summary.currency());
    p.put("minBuyIn", summary.minBuyIn());
    p.put("maxBuyIn", summary.maxBuyIn());
    p.put("seatCount", summary.seats());
    p.put("seated", summary.seated());
    p.put("eventSeq", s.eventSeq());
    p.put("closing", s.closing());
    p.put("viewerSeat", v.viewerSeat());
    p.put("handNumber", v.round());
    p.put("actionSeconds", s.actionTimeoutMillis() / 1000.0);
    p.put(
        "actionDeadline",
        s.turnDeadlineMillis() > 0
            ? Instant.ofEpochMilli(s.turnDeadlineMillis()).toString()
            : null);
    p.put("serverTime", now.toString());
    List<Map<String, Object>> seats = new ArrayList<>();
    for (SeatFacts seat : v.seats()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seat", seat.index());
      m.put("status", seat.status().name());
      m.put("stack", seat.stack());
      m.put("displayName", seat.playerId() == null ? null : names.apply(seat.playerId()));
      seats.add(m);
    }
    p.put("seats", seats);
    Map<String, Object> fairness = new LinkedHashMap<>();
    fairness.put("current", s.seedEpoch() == null ? null : epoch(s.seedEpoch()));
    fairness.put("revealed", s.revealedEpochs().stream().map(TableViews::epoch).toList());
    p.put("fairness", fairness);
    v.game().forEach(p::putIfAbsent);
    return p;
  }

  /** A seed epoch; the server seed only once revealed, {@code lastHand} only once ended. */
  private static Map<String, Object> epoch(SeedEpoch e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epoch", e.epoch());
    m.put("commitment", e.commitment());
    m.put("clientSeed", e.clientSeed());
    m.put("firstHand", e.firstHand());
    if (e.revealed()) {
      m.put("lastHand", e.lastHand());
      m.put("serverSeed", e.serverSeed());
    }
    return m;
  }
}
