package dev.croupier.gateway.games;

import dev.croupier.errors.CroupierException;
import dev.croupier.games.api.GameDescriptor;
import dev.croupier.games.api.GamePlugin;
import dev.croupier.games.api.GameRegistry;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the web client needs to draw a game and verify its rounds: the descriptor (limits, declared
 * RTP, content hash) and what the plugin itself offers its clients ({@link
 * GamePlugin#clientInfo()}: a slot's reel strips and paylines, a table game's moves), whatever the
 * game is. Needs an access token.
 */
@RestController
class GameInfoController {
  private final GameRegistry games;
  private final LiveFeatures features;

  GameInfoController(GameRegistry games, LiveFeatures features) {
    this.games = games;
    this.features = features;
  }

  /** Every installed game version. */
  @GetMapping("/api/games")
  List<GameDescriptor> list() {
    return games.descriptors();
  }

  /**
   * One game version: {@code {descriptor, …the plugin's client info, features}}. A plugin key named
   * like one of the platform's never replaces it.
   */
  @GetMapping("/api/games/{gameId}/{version}")
  Map<String, Object> info(@PathVariable String gameId, @PathVariable String version) {
    GamePlugin plugin = games.find(gameId, version);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("descriptor", plugin.descriptor());
    plugin.clientInfo().forEach(info::putIfAbsent);
    info.put("features", new GameFeatures(features.autoSpin()));
    return info;
  }

  @ExceptionHandler(CroupierException.class)
  ResponseEntity<ProblemDetail> unknown(CroupierException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setType(URI.create("https://croupier.dev/problems/" + e.code().name().toLowerCase()));
    problem.setProperty("code", e.code().name());
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  record GameFeatures(boolean autoSpin) {}
}
