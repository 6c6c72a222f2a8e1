package dev.croupier.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.croupier.evidence.BundleVerifier.Finding;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Checks that a bundle holds what its manifest's {@code scope} says it covers, and nothing of
 * another scope: every session in scope with its rounds, ledger and at least one history; no
 * session's files outside it; a player's rounds all the player's, and each of a player's poker
 * hands one the player sat in; a table's histories and hands all that table's. The files are
 * already known to be the signed ones: this finds an export that left a session out, or a bundle
 * re-signed without one.
 */
final class ScopeChecks {
  private ScopeChecks() {}

  static List<Finding> check(JsonNode scope, Map<String, byte[]> files, ObjectMapper json) {
    List<Finding> out = new ArrayList<>();
    String kind = scope.path("kind").asText();
    switch (kind) {
      case "session" -> {
        String session = scope.path("sessionId").asText();
        if (!uuid(session)) {
          out.add(new Finding("scope", false, "session scope without a sessionId"));
          return out;
        }
        out.add(new Finding("scope", true, "session " + session));
        sessions(Set.of(session), files, out);
      }
      case "player" -> {
        String player = scope.path("playerId").asText();
        if (!uuid(player) || !range(scope, out)) {
          out.add(new Finding("scope", false, "player scope without a playerId, from and to"));
          return out;
        }
        Set<String> listed = new LinkedHashSet<>();
        for (JsonNode s : scope.path("sessions")) {
          listed.add(s.asText());
        }
        out.add(
            new Finding(
                "scope",
                listed.stream().allMatch(ScopeChecks::uuid),
                "player "
                    + player
                    + " from "
                    + scope.path("from").asText()
                    + " to "
                    + scope.path("to").asText()
                    + ": "
                    + listed.size()
                    + " sessions"));
        sessions(listed, files, out);
        for (String session : listed) {
          byte[] rounds = files.get("rounds/" + session + ".json");
          if (rounds != null) {
            out.add(owner(session, player, rounds, json));
          }
        }
        hands(player, files, json, out);
      }
      case "table" -> {
        String table = scope.path("tableId").asText();
        if (table.isBlank() || !range(scope, out)) {
          out.add(new Finding("scope", false, "table scope without a tableId, from and to"));
          return out;
        }
        out.add(
            new Finding(
                "scope",
                true,
                "table "
                    + table
                    + " from "
                    + scope.path("from").asText()
                    + " to "
                    + scope.path("to").asText()));
        for (String path : files.keySet()) {
          boolean foreign =
              (path.startsWith("histories/") && !path.startsWith("histories/table-" + table + "/"))
                  || (path.startsWith("hands/") && !path.startsWith("hands/" + table + "/"))
                  || path.startsWith("rounds/");
          if (foreign) {
            out.add(
                new Finding(
                    "scope.foreign", false, path + " is not of table " + table + "'s scope"));
          }
        }
      }
      default ->
          out.add(
              new Finding(
                  "scope", false, "unknown scope kind '" + kind + "' (session, table or player)"));
    }
    return out;
  }

  /** Each session in scope has its files; no other session has any. */
  private static void sessions(Set<String> inScope, Map<String, byte[]> files, List<Finding> out) {
    for (String session : inScope) {
      long histories =
          files.keySet().stream()
              .filter(p -> p.startsWith("histories/session-" + session + "/"))
              .count();
      List<String> missing = new ArrayList<>();
      for (String p : List.of("rounds/" + session + ".json", "ledger/" + session + ".json")) {
        if (!files.containsKey(p)) {
          missing.add(p);
        }
      }
      if (histories == 0) {
        missing.add("histories/session-" + session + "/");
      }
      out.add(
          new Finding(
              "scope.session",
              missing.isEmpty(),
              session
                  + (missing.isEmpty()
                      ? ": rounds, ledger and " + histories + " runs"
                      : " is in the scope but " + String.join(", ", missing) + " is absent")));
    }
    for (String path : files.keySet()) {
      String session = sessionOf(path);
      if (session != null && !inScope.contains(session)) {
        out.add(
            new Finding("scope.foreign", false, path + " belongs to a session outside the scope"));
      }
    }
  }

  /**
   * A player bundle's poker hands: each {@code hands/<tableId>/<n>.json} is a hand the player sat
   * in, proven by the player's buy-in and cash-out transactions in {@code
   * ledger/table-<tableId>.json} (their accounts listed in {@code player.json}, see {@link
   * Seatings}); each table with hands has its histories; no table without hands has files.
   */
  private static void hands(
      String player, Map<String, byte[]> files, ObjectMapper json, List<Finding> out) {
    Map<String, List<String>> byTable = new TreeMap<>();
    for (String path : files.keySet()) {
      if (path.startsWith("hands/") && path.indexOf('/', "hands/".length()) > 0) {
        String table = path.substring("hands/".length(), path.indexOf('/', "hands/".length()));
        byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(path);
      }
    }
    for (String path : files.keySet()) {
      String table = tableOf(path);
      if (table != null && !byTable.containsKey(table)) {
        out.add(
            new Finding(
                "scope.foreign", false, path + " is of table " + table + ", with no hand here"));
      }
    }
    if (byTable.isEmpty()) {
      return;
    }
    Set<Long> accounts = new HashSet<>();
    try {
      byte[] p = files.get("player.json");
      JsonNode doc = p == null ? null : json.readTree(p);
      if (doc == null || !doc.path("playerId").asText().equals(player)) {
        out.add(
            new Finding(
                "scope.hand",
                false,
                "the bundle holds hands but no player.json naming player " + player));
        return;
      }
      doc.path("accounts").forEach(a -> accounts.add(a.asLong()));
    } catch (IOException bad) {
      out.add(new Finding("json", false, "player.json is not JSON"));
      return;
    }
    for (Map.Entry<String, List<String>> t : byTable.entrySet()) {
      String table = t.getKey();
      List<Seatings.Transfer> transfers = new ArrayList<>();
      try {
        byte[] ledger = files.get("ledger/table-" + table + ".json");
        for (JsonNode tx : ledger == null ? json.createArrayNode() : json.readTree(ledger)) {
          boolean players = false;
          for (JsonNode e : tx.path("entries")) {
            players |= accounts.contains(e.path("accountId").asLong());
          }
          if (players) {
            Seatings.parse(
                    tx.path("transactionId").asLong(),
                    tx.path("idempotencyKey").asText(),
                    tx.path("hand").asLong())
                .filter(s -> s.tableId().equals(table))
                .ifPresent(transfers::add);
          }
        }
      } catch (IOException bad) {
        continue; // named already as not JSON
      }
      if (files.keySet().stream().noneMatch(p -> p.startsWith("histories/table-" + table + "/"))) {
        out.add(
            new Finding(
                "scope.hand",
                false,
                "table " + table + " has hands but histories/table-" + table + "/ is absent"));
      }
      for (String path : t.getValue()) {
        JsonNode hand;
        try {
          hand = json.readTree(files.get(path));
        } catch (IOException bad) {
          continue; // named already as not JSON
        }
        long n = hand.path("handNumber").asLong(-1);
        List<Integer> seats = new ArrayList<>();
        hand.path("seats").forEach(s -> seats.add(s.path("seat").asInt()));
        Optional<Integer> seat =
            seats.stream().filter(s -> Seatings.seated(transfers, table, s, n)).findFirst();
        out.add(
            new Finding(
                "scope.hand",
                seat.isPresent(),
                seat.map(
                        s ->
                            "table "
                                + table
                                + " hand "
                                + n
                                + ": player "
                                + player
                                + " sat in seat "
                                + s)
                    .orElse(
                        "table "
                            + table
                            + " hand "
                            + n
                            + " is not player "
                            + player
                            + "'s: no buy-in of theirs seats them in any of seats "
                            + seats)));
      }
    }
  }

  /** The table a file belongs to, or null for a file of no table. */
  private static String tableOf(String path) {
    for (String folder : List.of("hands/", "histories/table-")) {
      if (path.startsWith(folder) && path.indexOf('/', folder.length()) > 0) {
        return path.substring(folder.length(), path.indexOf('/', folder.length()));
      }
    }
    if (path.startsWith("ledger/table-") && path.endsWith(".json")) {
      return path.substring("ledger/table-".length(), path.length() - ".json".length());
    }
    return null;
  }

  /** The session a file belongs to, or null for a file of no session. */
  private static String sessionOf(String path) {
    if (path.startsWith("histories/session-")) {
      String rest = path.substring("histories/session-".length());
      return rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : null;
    }
    for (String folder : List.of("rounds/", "ledger/")) {
      if (path.startsWith(folder) && path.endsWith(".json")) {
        String name = path.substring(folder.length(), path.length() - ".json".length());
        return uuid(name) ? name : null;
      }
    }
    return null;
  }

  private static Finding owner(String session, String player, byte[] rounds, ObjectMapper json) {
    try {
      for (JsonNode r : json.readTree(rounds)) {
        String user = r.path("userId").asText("");
        if (!user.isEmpty() && !user.equals(player)) {
          return new Finding(
              "scope.player",
              false,
              session + " round " + r.path("round").asLong() + " is player " + user + "'s");
        }
      }
    } catch (IOException bad) {
      return new Finding("json", false, "rounds/" + session + ".json is not JSON");
    }
    return new Finding("scope.player", true, session + ": every round is player " + player + "'s");
  }

  private static boolean range(JsonNode scope, List<Finding> out) {
    try {
      Instant from = Instant.parse(scope.path("from").asText());
      Instant to = Instant.parse(scope.path("to").asText());
      if (!from.isBefore(to)) {
        out.add(new Finding("scope", false, "the range ends before it starts"));
      }
      return true;
    } catch (DateTimeParseException bad) {
      return false;
    }
  }

  private static boolean uuid(String s) {
    try {
      return UUID.fromString(s).toString().equals(s);
    } catch (IllegalArgumentException bad) {
      return false;
    }
  }
}
