package dev.croupier.gateway.games;

import dev.croupier.errors.CroupierException;
import dev.croupier.games.api.GameDescriptor;
import dev.croupier.games.api.GamePlugin;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.slots.SlotGame;
import dev.croupier.games.slots.SlotMath;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the web client needs to draw a game and verify its rounds: the descriptor (limits, declared
 * RTP) and, for slots, the reel strips and paylines of that exact version. Needs an access token.
 */
@RestController
class GameInfoController {
  private final GameRegistry games;
  private final Features features;

  GameInfoController(GameRegistry games, Features features) {
    this.games = games;
    this.features = features;
  }

  /** Every installed game version. */
  @GetMapping("/api/games")
  List<GameDescriptor> list() {
    return games.descriptors();
  }

  /** One game version with its reels and paylines (slots), and the flags that shape its page. */
  @GetMapping("/api/games/{gameId}/{version}")
  GameInfo info(@PathVariable String gameId, @PathVariable String version) {
    GamePlugin plugin = games.find(gameId, version);
    List<List<String>> reels = null;
    List<List<Integer>> paylines = null;
    if (plugin instanceof SlotGame slot) {
      SlotMath math = slot.math();
      reels = new ArrayList<>();
      for (int r = 0; r < SlotMath.REELS; r++) {
        List<String> strip = new ArrayList<>();
        for (int p = 0; p < math.reelLength(r); p++) {
          strip.add(math.symbols().get(math.symbolAt(r, p)));
        }
        reels.add(strip);
      }
      paylines = new ArrayList<>();
      for (int line = 0; line < math.lineCount(); line++) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < SlotMath.REELS; r++) {
          rows.add(math.paylineRow(line, r));
        }
        paylines.add(rows);
      }
    }
    return new GameInfo(
        plugin.descriptor(), reels, paylines, new GameFeatures(features.autoSpin()));
  }

  @ExceptionHandler(CroupierException.class)
  ResponseEntity<ProblemDetail> unknown(CroupierException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setType(URI.create("https://croupier.dev/problems/" + e.code().name().toLowerCase()));
    problem.setProperty("code", e.code().name());
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  record GameInfo(
      GameDescriptor descriptor,
      @Nullable List<List<String>> reels,
      @Nullable List<List<Integer>> paylines,
      GameFeatures features) {}

  record GameFeatures(boolean autoSpin) {}
}
