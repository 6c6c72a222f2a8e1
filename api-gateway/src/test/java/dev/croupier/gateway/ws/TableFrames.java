package dev.croupier.gateway.ws;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** The {@code table.*} frames as the table tests write and read them, whatever the game. */
final class TableFrames {
  private TableFrames() {}

  /** A payload for {@code table}: its id and then field, value, field, value… */
  static Map<String, Object> on(UUID table, Object... fields) {
    Map<String, Object> p = new HashMap<>();
    p.put("tableId", table.toString());
    for (int i = 0; i < fields.length; i += 2) {
      p.put((String) fields[i], fields[i + 1]);
    }
    return p;
  }

  /** The newest pushed view of a table that matches, waiting for it. */
  static JsonNode awaitView(WsClient c, UUID table, Predicate<JsonNode> match) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonNode last = null;
              for (JsonNode e : c.events) {
                if ("table.view".equals(e.path("type").asString())
                    && table.toString().equals(e.at("/payload/tableId").asString())) {
                  last = e.get("payload");
                }
              }
              return last != null && match.test(last) ? last : null;
            },
            v -> v != null);
  }

  /** The error code of a reply, or "" when it is no error. */
  static String code(JsonNode frame) {
    return frame.path("type").asString().equals("error") ? frame.path("code").asString() : "";
  }
}
