package dev.croupier.games.slots;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.Wager;
import dev.croupier.games.rng.ServerSeed;
import dev.croupier.games.rng.Verifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Round vectors for anyone who recomputes slot rounds without our code: chosen rounds of {@code
 * slot-classic@1.0.0} (a loss, wins of a regular symbol with and without wilds, a win paid to the
 * wild, runs cut by a scatter or the jackpot symbol, free spins, a retrigger, the jackpot), each
 * with its seeds, stake and the exact outcome the player is sent, next to the game's client info.
 * The web client's verifier ({@code api-gateway/src/test/js/slot-rounds.test.mjs}) recomputes every
 * one from MATH.md's rules. This test fails when the committed file is not what the engine plays;
 * rewrite it with {@value #UPDATE}.
 */
class SlotRoundVectorsTest {
  static final String UPDATE =
      "./mvnw -pl game-plugins/slots -am test -Dtest=SlotRoundVectorsTest"
          + " -Dcroupier.write-docs=true -Dsurefire.failIfNoSpecifiedTests=false"
          + " -Dmath.sheet.skip=true";
  static final Path FILE =
      Path.of("src/test/resources/dev/croupier/games/slots/round-vectors.json");
  static final GameRef GAME = new GameRef("slot-classic", "1.0.0");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final GameRegistry registry = GameRegistry.load(getClass().getClassLoader());
  private final String serverSeed = sha256("croupier slot round vectors");

  @Test
  void committedRoundVectorsAreWhatTheEnginePlays() throws Exception {
    List<Map<String, Object>> rounds = new ArrayList<>();
    add(rounds, "a round that wins nothing", 200, o -> win(o) == 0);
    add(rounds, "a regular symbol's line win, no wild in it", 2_000, o -> lineWin(o, false, false));
    add(
        rounds,
        "a regular symbol's line win with a wild in the run",
        100,
        o -> lineWin(o, true, false));
    add(rounds, "a line paid to the wild itself", 1_000, o -> lineWin(o, true, true));
    add(
        rounds,
        "a line whose run is cut by the scatter or the jackpot symbol",
        100,
        SlotRoundVectorsTest::runCutBySpecialSymbol);
    add(rounds, "free spins (3 or more scatters)", 500, o -> spins(o).size() > 1);
    add(rounds, "free spins retriggered", 100, SlotRoundVectorsTest::retriggered);
    add(rounds, "several paying lines in one spin", 100_000, o -> maxLinesInASpin(o) >= 3);
    // The jackpot: 1 round in 1.84 million; this seed pair is known to hit (see the session tests).
    rounds.add(
        round(
            "the progressive jackpot (five CROWN on a payline)",
            sha256("jackpot-session-server-seed"),
            "jackpot-470326",
            1,
            100));

    Map<String, Object> vectors = new LinkedHashMap<>();
    vectors.put(
        "description",
        "Rounds of slot-classic@1.0.0 as the player is sent them (bet.result's outcome), with the"
            + " seeds that dealt them. Recompute each from game-plugins/slots/MATH.md and"
            + " game-plugins/api/FAIRNESS.md; written by SlotRoundVectorsTest.");
    vectors.put("game", GAME.toString());
    vectors.put("contentHash", registry.round(GAME).descriptor().contentHash());
    vectors.put("clientInfo", registry.round(GAME).clientInfo());
    vectors.put("rounds", rounds);
    String generated = JSON.writeValueAsString(vectors) + "\n";

    if (Boolean.getBoolean("croupier.write-docs")) {
      Files.writeString(FILE, generated, StandardCharsets.UTF_8);
    }
    String committed = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
    assertThat(committed)
        .as("%s is not what the engine plays; rewrite it with: %s", FILE, UPDATE)
        .isEqualTo(generated);
    assertThat(rounds).hasSize(9);
    assertThat(rounds.get(8).get("outcome")).extracting("jackpotHit").isEqualTo(true);
  }

  /** The first round of the fixed seeds, from nonce 1, whose outcome passes {@code wanted}. */
  private void add(
      List<Map<String, Object>> into,
      String why,
      long stake,
      Predicate<Map<String, Object>> wanted) {
    // A client seed of its own per case, so no two cases share a round.
    String clientSeed = "round-vectors-" + (into.size() + 1);
    for (long nonce = 1; nonce <= 1_000_000; nonce++) {
      RoundResult r =
          Verifier.replay(
              registry,
              GAME,
              new Wager(stake, Wager.COIN),
              new RoundSeed(serverSeed, clientSeed, nonce));
      if (wanted.test(r.outcome())) {
        into.add(round(why, serverSeed, clientSeed, nonce, stake));
        return;
      }
    }
    throw new AssertionError("no round in a million is " + why);
  }

  private Map<String, Object> round(
      String why, String server, String clientSeed, long nonce, long stake) {
    RoundResult r =
        Verifier.replay(
            registry, GAME, new Wager(stake, Wager.COIN), new RoundSeed(server, clientSeed, nonce));
    Map<String, Object> round = new LinkedHashMap<>();
    round.put("why", why);
    round.put("serverSeed", server);
    round.put("commitment", new ServerSeed(server).commitment().sha256Hex());
    round.put("clientSeed", clientSeed);
    round.put("nonce", nonce);
    round.put("stake", stake);
    round.put("currency", Wager.COIN);
    round.put("win", r.totalWin());
    round.put("jackpotHit", r.jackpotHit());
    round.put("outcome", r.outcome());
    return round;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> spins(Map<String, Object> outcome) {
    return (List<Map<String, Object>>) outcome.get("spins");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> lineWins(Map<String, Object> spin) {
    return (List<Map<String, Object>>) spin.get("lineWins");
  }

  private static long win(Map<String, Object> outcome) {
    return ((Number) outcome.get("totalWin")).longValue();
  }

  @SuppressWarnings("unchecked")
  private static List<String> cells(Map<String, Object> spin, int line, int count) {
    // The cells of a line, from the grid; paylines of the version's client info.
    List<List<String>> grid = (List<List<String>>) spin.get("grid");
    List<Integer> rows = PAYLINES.get(line - 1);
    List<String> cells = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      cells.add(grid.get(r).get(rows.get(r)));
    }
    return cells;
  }

  private static final List<List<Integer>> PAYLINES = paylines();

  @SuppressWarnings("unchecked")
  private static List<List<Integer>> paylines() {
    return (List<List<Integer>>)
        GameRegistry.load(SlotRoundVectorsTest.class.getClassLoader())
            .round(GAME)
            .clientInfo()
            .get("paylines");
  }

  /** A base-spin line win: with or without a wild in its run, paid to the wild or to a symbol. */
  private static boolean lineWin(Map<String, Object> outcome, boolean withWild, boolean toWild) {
    Map<String, Object> base = spins(outcome).get(0);
    if (spins(outcome).size() > 1) {
      return false;
    }
    for (Map<String, Object> w : lineWins(base)) {
      boolean wildPaid = "WILD".equals(w.get("symbol"));
      List<String> cells = cells(base, (Integer) w.get("line"), (Integer) w.get("count"));
      boolean hasWild = cells.contains("WILD");
      if (wildPaid == toWild && hasWild == withWild && (!toWild || cells.size() >= 3)) {
        return true;
      }
    }
    return false;
  }

  /** A paying run that stops right before a STAR or a CROWN. */
  @SuppressWarnings("unchecked")
  private static boolean runCutBySpecialSymbol(Map<String, Object> outcome) {
    if (spins(outcome).size() > 1) {
      return false;
    }
    Map<String, Object> base = spins(outcome).get(0);
    List<List<String>> grid = (List<List<String>>) base.get("grid");
    for (Map<String, Object> w : lineWins(base)) {
      int count = (Integer) w.get("count");
      if (count < 5) {
        List<Integer> rows = PAYLINES.get((Integer) w.get("line") - 1);
        String next = grid.get(count).get(rows.get(count));
        if (next.equals("STAR") || next.equals("CROWN")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean retriggered(Map<String, Object> outcome) {
    List<Map<String, Object>> spins = spins(outcome);
    for (int i = 1; i < spins.size(); i++) {
      if (((Number) spins.get(i).get("freeSpinsAwarded")).intValue() > 0) {
        return true;
      }
    }
    return false;
  }

  private static int maxLinesInASpin(Map<String, Object> outcome) {
    return spins(outcome).size() > 1 ? 0 : lineWins(spins(outcome).get(0)).size();
  }

  private static String sha256(String label) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
