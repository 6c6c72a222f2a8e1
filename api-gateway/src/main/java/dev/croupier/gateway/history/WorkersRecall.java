package dev.croupier.gateway.history;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.recall.RecallProxyProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A round as the workers' game recall rebuilds and checks it ({@code GET
 * /recall/sessions/{id}/rounds/{n}} on the workers' HTTP port), given to the player it belongs to
 * and to nobody else. The gateway passes the recall on without reading the game's outcome.
 */
@Component
class WorkersRecall {
  private final RecallProxyProperties properties;
  private final JsonMapper json;
  private final HttpClient http;

  WorkersRecall(RecallProxyProperties properties, JsonMapper json) {
    this.properties = properties;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  /**
   * The round, if it is {@code userId}'s. The workers are asked with the player's own access token,
   * so they check the ownership for themselves too.
   *
   * @throws CroupierException {@code UNKNOWN_SESSION} (no such round), {@code NOT_YOUR_SESSION}
   *     (another player's), {@code UNAVAILABLE} (the workers did not answer)
   */
  JsonNode round(UUID userId, String accessToken, UUID sessionId, long round) {
    URI uri =
        URI.create(
            properties.workersUrl().replaceAll("/+$", "")
                + "/recall/sessions/"
                + sessionId
                + "/rounds/"
                + round);
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(properties.timeout())
                  .header("Authorization", "Bearer " + accessToken)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CroupierException(ErrorCode.UNAVAILABLE, "game recall did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CroupierException(ErrorCode.UNAVAILABLE, "game recall did not answer");
    }
    JsonNode body;
    try {
      body = json.readTree(response.body());
    } catch (JacksonException e) {
      throw new CroupierException(ErrorCode.UNAVAILABLE, "game recall answered something else");
    }
    if (response.statusCode() == 404) {
      throw new CroupierException(ErrorCode.UNKNOWN_SESSION, "No such round.");
    }
    if (response.statusCode() == 403) {
      throw new CroupierException(
          ErrorCode.NOT_YOUR_SESSION, "The session belongs to another player.");
    }
    if (response.statusCode() != 200 || body == null || !body.isObject()) {
      throw new CroupierException(ErrorCode.UNAVAILABLE, "game recall failed");
    }
    if (!userId.toString().equals(body.path("userId").asString(""))) {
      throw new CroupierException(
          ErrorCode.NOT_YOUR_SESSION, "The session belongs to another player.");
    }
    return body;
  }
}
