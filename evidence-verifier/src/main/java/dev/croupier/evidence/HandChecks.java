package dev.croupier.evidence;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.evidence.BundleVerifier.Finding;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.poker.PokerDeal;
import dev.croupier.games.rng.Verifier;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * The checks of a bundle's poker hands ({@code hands/<tableId>/<n>.json}, as the workers' evidence
 * port recalls them) against their proofs and {@code ledger/table-<tableId>.json}, recomputed here
 * rather than trusted from the hand's own checks: once the hand's seed epoch is revealed, the
 * commitment is the SHA-256 of the server seed and the certified deal ({@link PokerDeal}) of the
 * server seed, client seed and nonce (the hand number) deals the recorded board, every seat's hole
 * cards and every card shown; each pot's awards and rake sum to the pot, the pots' rake to the
 * hand's; the ledger holds the hand's rake under {@code table-<id>/hand-<n>/rake} (and none for a
 * hand without rake). A hand whose epoch still runs is reported as such, not as a failure.
 */
final class HandChecks {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private HandChecks() {}

  /** Checks every {@code hands/} file of a bundle whose files are all present and signed. */
  static List<Finding> check(SortedMap<String, byte[]> files) {
    List<Finding> out = new ArrayList<>();
    Map<String, Map<String, JsonNode>> ledgers = new HashMap<>();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      if (!f.getKey().startsWith("hands/")) {
        continue;
      }
      JsonNode hand;
      try {
        hand = JSON.readTree(f.getValue());
      } catch (IOException bad) {
        continue; // named already as not JSON
      }
      String path = f.getKey();
      String tableId = hand.path("tableId").asText();
      long n = hand.path("handNumber").asLong(-1);
      String expected = "hands/" + tableId + "/" + n + ".json";
      if (!expected.equals(path)) {
        out.add(new Finding("hand.path", false, path + " holds hand " + n + " of " + tableId));
        continue;
      }
      String name = "table " + tableId + " hand " + n;
      deck(name, n, hand, out);
      pots(name, hand, out);
      Map<String, JsonNode> ledger =
          ledgers.computeIfAbsent(tableId, id -> ledger(files, "ledger/table-" + id + ".json"));
      ledgerRake(name, tableId, n, hand, ledger, out);
    }
    return out;
  }

  private static void deck(String name, long n, JsonNode hand, List<Finding> out) {
    JsonNode deck = hand.path("deck");
    String serverSeed =
        deck.path("serverSeed").isTextual() ? deck.path("serverSeed").asText() : null;
    if (serverSeed == null) {
      out.add(
          new Finding(
              "hand.epoch",
              true,
              name
                  + ": epoch "
                  + deck.path("epoch").asInt()
                  + " not revealed yet, deck unchecked"));
      return;
    }
    String commitment = deck.path("commitment").asText();
    boolean committed;
    try {
      committed = Verifier.commitmentMatches(serverSeed, commitment);
    } catch (IllegalArgumentException malformed) {
      committed = false;
    }
    out.add(
        new Finding(
            "hand.commitment",
            committed,
            name
                + (committed
                    ? ": SHA-256 of the revealed seed is the commitment"
                    : ": the revealed seed does not hash to the commitment " + commitment)));
    if (!committed) {
      return;
    }
    if (deck.path("nonce").asLong(-1) != n) {
      out.add(
          new Finding(
              "hand.deal", false, name + ": dealt with nonce " + deck.path("nonce").asLong()));
      return;
    }
    List<Integer> order = dealOrder(hand);
    List<Integer> recorded = new ArrayList<>();
    deck.path("dealOrder").forEach(s -> recorded.add(s.asInt()));
    if (!order.equals(recorded)) {
      out.add(
          new Finding(
              "hand.deal",
              false,
              name + ": deal order " + recorded + ", the seats and button give " + order));
      return;
    }
    PokerDeal.Deal deal;
    try {
      deal = PokerDeal.deal(new RoundSeed(serverSeed, deck.path("clientSeed").asText(), n), order);
    } catch (IllegalArgumentException bad) {
      out.add(new Finding("hand.deal", false, name + ": no deal: " + bad.getMessage()));
      return;
    }
    List<String> board = strings(hand.path("board"));
    boolean boardOk =
        board.size() <= 5
            && deal.board().subList(0, board.size()).equals(board)
            && deal.board().equals(strings(deck.path("recomputedBoard")));
    out.add(
        new Finding(
            "hand.board",
            boardOk,
            name
                + ": board "
                + board
                + (boardOk ? " as dealt" : ", the seed deals " + deal.board())));
    String wrong = null;
    for (JsonNode seat : hand.path("seats")) {
      List<String> cards = strings(seat.path("holeCards"));
      List<String> dealt = deal.holeCards(seat.path("seat").asInt());
      if (!cards.equals(dealt)) {
        wrong =
            "seat " + seat.path("seat").asInt() + " holds " + cards + ", the seed dealt " + dealt;
        break;
      }
    }
    for (JsonNode shown : hand.path("showdown")) {
      List<String> cards = strings(shown.path("cards"));
      List<String> dealt = deal.holeCards(shown.path("seat").asInt());
      if (wrong == null && !cards.equals(dealt)) {
        wrong =
            "seat " + shown.path("seat").asInt() + " showed " + cards + ", the seed dealt " + dealt;
      }
    }
    out.add(
        new Finding(
            "hand.holeCards",
            wrong == null,
            name + (wrong == null ? ": every seat's cards as dealt" : ": " + wrong)));
  }

  private static void pots(String name, JsonNode hand, List<Finding> out) {
    long rake = 0;
    String wrong = null;
    for (JsonNode pot : hand.path("pots")) {
      long awarded = 0;
      for (JsonNode a : pot.path("awards")) {
        awarded += a.path("amount").asLong();
      }
      rake += pot.path("rake").asLong();
      if (wrong == null && awarded + pot.path("rake").asLong() != pot.path("amount").asLong()) {
        wrong =
            "pot "
                + pot.path("index").asInt()
                + " of "
                + pot.path("amount").asLong()
                + ": awards "
                + awarded
                + " + rake "
                + pot.path("rake").asLong();
      }
    }
    JsonNode recorded = hand.path("rake").path("recorded");
    if (wrong == null && recorded.isNumber() && recorded.asLong() != rake) {
      wrong = "the pots' rake " + rake + ", the hand's " + recorded.asLong();
    }
    out.add(
        new Finding(
            "hand.pots",
            wrong == null,
            name + (wrong == null ? ": every pot's awards and rake sum to it" : ": " + wrong)));
  }

  private static void ledgerRake(
      String name,
      String tableId,
      long n,
      JsonNode hand,
      Map<String, JsonNode> ledger,
      List<Finding> out) {
    JsonNode recorded = hand.path("rake").path("recorded");
    if (!recorded.isNumber()) {
      out.add(new Finding("hand.ledger", true, name + ": the hand has not ended, no rake due"));
      return;
    }
    String key = "table-" + tableId + "/hand-" + n + "/rake";
    JsonNode t = ledger.get(key);
    long posted = 0;
    if (t != null) {
      for (JsonNode e : t.path("entries")) {
        if (e.path("amount").asLong() > 0) {
          posted += e.path("amount").asLong();
        }
      }
    }
    boolean ok = posted == recorded.asLong() && (t != null || recorded.asLong() == 0);
    out.add(
        new Finding(
            "hand.ledger",
            ok,
            name
                + ": rake "
                + recorded.asLong()
                + (t == null
                    ? ", ledger/table-" + tableId + ".json holds no " + key
                    : ", the ledger's " + key + " moves " + posted)));
  }

  /** The seats dealt in, first left of the button, button last: the certified deal's order. */
  private static List<Integer> dealOrder(JsonNode hand) {
    int button = hand.path("button").asInt();
    TreeSet<Integer> seats = new TreeSet<>();
    hand.path("seats").forEach(s -> seats.add(s.path("seat").asInt()));
    List<Integer> order = new ArrayList<>(seats.tailSet(button, false));
    order.addAll(seats.headSet(button, true));
    return order;
  }

  /** A bundle's table ledger by idempotency key; empty when the file is absent or unreadable. */
  private static Map<String, JsonNode> ledger(SortedMap<String, byte[]> files, String path) {
    Map<String, JsonNode> byKey = new HashMap<>();
    byte[] content = files.get(path);
    if (content == null) {
      return byKey;
    }
    try {
      for (JsonNode t : JSON.readTree(content)) {
        byKey.put(t.path("idempotencyKey").asText(), t);
      }
    } catch (IOException bad) {
      // named already as not JSON
    }
    return byKey;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(c -> out.add(c.asText()));
    return out;
  }
}
