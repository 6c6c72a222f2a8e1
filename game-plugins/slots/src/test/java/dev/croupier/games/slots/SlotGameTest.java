package dev.croupier.games.slots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.games.api.BetPlaced;
import dev.croupier.games.api.Certified;
import dev.croupier.games.api.GameRef;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.Posting;
import dev.croupier.games.api.PostingKind;
import dev.croupier.games.api.RoundGame;
import dev.croupier.games.api.RoundResult;
import dev.croupier.games.api.RoundSeed;
import dev.croupier.games.api.SessionState;
import dev.croupier.games.api.Wager;
import dev.croupier.games.api.fake.FakeCoinFlipGame;
import dev.croupier.games.rng.Verifier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlotGameTest {
  private static final GameRef V1 = new GameRef("slot-classic", "1.0.0");
  private static final String SEED = "a5".repeat(32);
  private static final UUID SESSION = UUID.fromString("0190a000-0000-7000-8000-0000000000aa");
  private static final UUID USER = UUID.fromString("0190a000-0000-7000-8000-0000000000bb");

  private final GameRegistry registry = GameRegistry.load(getClass().getClassLoader());

  private static RoundResult play(RoundGame game, SessionState state, long stake, long nonce) {
    BetPlaced bet = game.placeBet(state, new Wager(stake, "COIN"), Map.of());
    return game.settle(bet.state(), new RoundSeed(SEED, "player", nonce));
  }

  @Test
  void serviceLoaderFindsTheSlotNextToOtherGames() {
    assertThat(registry.find(V1)).isInstanceOf(SlotGame.class);
    assertThat(registry.find(FakeCoinFlipGame.REF)).isInstanceOf(FakeCoinFlipGame.class);
    assertThat(registry.latest("slot-classic").descriptor().ref()).isEqualTo(V1);
    assertThat(registry.round(V1).descriptor().math().totalRtp()).isBetween(0.969, 0.971);
  }

  @Test
  void stakeIsSpreadOverTwentyLinesAndOnePercentFeedsTheJackpot() {
    RoundGame slot = registry.round(V1);
    SessionState state = slot.initSession(SESSION, USER, V1, Map.of()).state();

    BetPlaced bet = slot.placeBet(state, new Wager(2_000, "COIN"), Map.of());

    assertThat(bet.postings())
        .containsExactly(
            new Posting(PostingKind.STAKE, 2_000, "COIN"),
            new Posting(PostingKind.JACKPOT_CONTRIBUTION, 20, "COIN"));
    assertThat(slot.settle(bet.state(), new RoundSeed(SEED, "player", 1)).outcome())
        .containsEntry("lineBet", 100L);
  }

  @Test
  void outcomeShowsEverySpinAndAddsUpToTheWin() {
    RoundGame slot = registry.round(V1);
    SessionState state = slot.initSession(SESSION, USER, V1, Map.of()).state();
    boolean sawFeature = false;
    for (long nonce = 1; nonce <= 600; nonce++) {
      RoundResult result = play(slot, state, 2_000, nonce);
      state = result.state();
      List<?> spins = (List<?>) result.outcome().get("spins");
      long sum = 0;
      for (Object spin : spins) {
        Map<?, ?> s = (Map<?, ?>) spin;
        assertThat((List<?>) s.get("stops")).hasSize(5);
        assertThat((List<?>) s.get("grid"))
            .hasSize(5)
            .allMatch(column -> ((List<?>) column).size() == 3);
        long lines =
            ((List<?>) s.get("lineWins"))
                .stream().mapToLong(w -> (Long) ((Map<?, ?>) w).get("win")).sum();
        assertThat((Long) s.get("win")).isEqualTo(lines + (Long) s.get("scatterWin"));
        sum += (Long) s.get("win");
      }
      assertThat(sum).isEqualTo(result.totalWin());
      assertThat(result.outcome().get("totalWin")).isEqualTo(result.totalWin());
      assertThat(spins).hasSize(1 + (Integer) result.outcome().get("freeSpinsPlayed"));
      if (spins.size() > 1) {
        sawFeature = true;
        assertThat(((Map<?, ?>) spins.get(1)).get("multiplier")).isEqualTo(3);
      }
    }
    assertThat(sawFeature).isTrue();
  }

  @Test
  void aSessionKeepsPlayingTheVersionItStartedOn() throws Exception {
    // A newer version installed next to 1.0.0, with other math.
    String newer =
        new String(
                getClass()
                    .getClassLoader()
                    .getResourceAsStream("dev/croupier/games/slots/slot-classic-1.0.0.json")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replace("\"1.0.0\"", "\"1.1.0\"")
            .replace("\"multiplier\": 3", "\"multiplier\": 2");
    byte[] newerBytes = newer.getBytes(StandardCharsets.UTF_8);
    SlotGame v11 =
        new SlotGame(
            SlotMath.parse(new ByteArrayInputStream(newerBytes)), Certified.sha256(newerBytes));
    RoundGame v1 = registry.round(V1);
    GameRegistry both = GameRegistry.of(List.of(v1, v11));
    SessionState started = v1.initSession(SESSION, USER, V1, Map.of()).state();

    assertThat(both.latest("slot-classic")).isSameAs(v11);
    // The workflow looks the plugin up by the session's own version.
    RoundGame pinned = both.round(started.game());
    assertThat(pinned).isSameAs(v1);
    assertThat(play(pinned, started, 100, 1)).isEqualTo(play(v1, started, 100, 1));
    assertThatThrownBy(() -> v11.placeBet(started, new Wager(100, "COIN"), Map.of()))
        .isInstanceOf(CroupierException.class)
        .extracting(e -> ((CroupierException) e).code())
        .isEqualTo(ErrorCode.UNKNOWN_GAME_VERSION);
  }

  @Test
  void verifierRecomputesASlotRoundFromTheRevealedSeed() {
    RoundGame slot = registry.round(V1);
    SessionState state = slot.initSession(SESSION, USER, V1, Map.of()).state();
    RoundResult result = null;
    for (long nonce = 1; nonce <= 7; nonce++) {
      result = play(slot, state, 500, nonce);
      state = result.state();
    }

    RoundResult replayed =
        Verifier.replay(registry, V1, new Wager(500, "COIN"), new RoundSeed(SEED, "player", 7));

    assertThat(replayed.outcome()).isEqualTo(result.outcome());
    assertThat(replayed.totalWin()).isEqualTo(result.totalWin());
  }

  @Test
  void mathFilesThatBreakTheRulesAreRefused() throws Exception {
    String good =
        new String(
            SlotGameTest.class
                .getClassLoader()
                .getResourceAsStream("dev/croupier/games/slots/slot-classic-1.0.0.json")
                .readAllBytes(),
            StandardCharsets.UTF_8);

    assertRefused(good.replace("\"betStep\": 100", "\"betStep\": 110"), "split evenly");
    assertRefused(good.replace("\"name\": \"Classic Sevens\"", "\"nmae\": \"x\""), "nmae");
    assertRefused(good.replace("\"CHERRY\": [0, 0, 5,", "\"CHERRY\": [0, 5, 5,"), "below 3");
    assertRefused(good.replace("\"count\": 5", "\"count\": 4"), "jackpot");
    assertRefused(good.replace("\"contributionBps\": 100", "\"contributionBps\": 150"), "exact");
  }

  private static void assertRefused(String json, String reason) {
    assertThatThrownBy(
            () -> SlotMath.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining(reason);
  }

  @Test
  void aMathFileIsLoadedOnlyWithTheHashItWasCertifiedWith() {
    String file = "slot-classic-1.0.0.json";
    String certified = registry.round(V1).descriptor().contentHash();
    assertThat(SlotGames.certified(file + " " + certified).descriptor().ref()).isEqualTo(V1);
    assertThatThrownBy(() -> SlotGames.certified(file + " " + "0".repeat(64)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a change of math is a new version");
    assertThatThrownBy(() -> SlotGames.certified(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("<sha-256>");
  }
}
