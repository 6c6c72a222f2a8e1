package dev.croupier.gateway.recall;

import dev.croupier.gateway.identity.AuthenticatedPlayer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A player's own game recall, through the gateway: {@code GET /api/recall/last-games} and {@code
 * GET /api/recall/sessions/{sessionId}/rounds/{round}} call the workers' recall with the player's
 * own access token, so the workers check for themselves that the rounds are the caller's. The
 * workers' answer (a recall, or a problem with a code) is passed through.
 */
@RestController
class RecallProxyController {
  private final RecallProxyProperties properties;
  private final HttpClient http;

  RecallProxyController(RecallProxyProperties properties) {
    this.properties = properties;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  @GetMapping("/api/recall/last-games")
  ResponseEntity<String> lastGames(
      @AuthenticationPrincipal Jwt jwt, @RequestParam(defaultValue = "10") int limit) {
    UUID user = AuthenticatedPlayer.from(jwt).userId();
    return forward(
        "/recall/users/" + user + "/last-games?limit=" + Math.max(1, Math.min(limit, 100)), jwt);
  }

  @GetMapping("/api/recall/sessions/{sessionId}/rounds/{round}")
  ResponseEntity<String> round(
      @AuthenticationPrincipal Jwt jwt, @PathVariable UUID sessionId, @PathVariable long round) {
    return forward("/recall/sessions/" + sessionId + "/rounds/" + round, jwt);
  }

  private ResponseEntity<String> forward(String path, Jwt jwt) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(properties.workersUrl() + path))
            .timeout(properties.timeout())
            .header(HttpHeaders.AUTHORIZATION, "Bearer " + jwt.getTokenValue())
            .GET()
            .build();
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      String type = r.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse("application/json");
      return ResponseEntity.status(r.statusCode())
          .contentType(MediaType.parseMediaType(type))
          .body(r.body());
    } catch (IOException e) {
      throw new dev.croupier.errors.CroupierException(
          dev.croupier.errors.ErrorCode.UNAVAILABLE, "Game recall is unavailable; retry later.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.croupier.errors.CroupierException(
          dev.croupier.errors.ErrorCode.UNAVAILABLE, "Game recall is unavailable; retry later.");
    }
  }
}
