package dev.croupier.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.NodeJs;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.testsupport.PostgresExtension;
import dev.croupier.testsupport.TemporalServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An outsider checks a real session without our code: a player plays a slot session through the
 * gateway with a client seed of their own, keeps what they were sent (the games API answer and the
 * session's frames), and a recomputation in another language (Node.js, {@code
 * src/test/js/verify-session.mjs}, written from PROTOCOL.md, MATH.md and FAIRNESS.md) replays every
 * round from the revealed seed: outcome, wins and balances. A transcript with one win changed is
 * caught.
 */
@ExtendWith({PostgresExtension.class, KafkaExtension.class, TemporalServerExtension.class})
class SessionRecomputedFromTheDocsTest {
  static final int ROUNDS = 40;
  private static WsStack stack;
  private static WsStack.Node node;

  @BeforeAll
  static void start(PostgresDatabase db, KafkaBroker kafka, TemporalServer temporal) {
    stack = new WsStack(db, kafka, temporal);
    node = stack.startNode(Map.of());
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void aSessionsRoundsAreRecomputedFromTheDocumentedShapeInAnotherLanguage() throws Exception {
    String nodeJs = NodeJs.require();
    WsStack.Player p = node.newPlayer("Outsider");
    JsonNode game = node.get("/api/games/slot-classic/1.0.0", p.accessToken(), 200);
    WsClient c = node.connect(p);
    Map<String, Object> transcript = new LinkedHashMap<>();
    List<JsonNode> results = new ArrayList<>();
    try {
      JsonNode opened = c.request("session.open", Map.of("gameId", "slot-classic"));
      String session = opened.at("/payload/sessionId").asString();
      JsonNode seeded =
          c.request(
              "session.seed", Map.of("sessionId", session, "clientSeed", "outsiders-own-seed"));
      long[] stakes = {100, 200, 500, 1_000, 2_000};
      for (int i = 0; i < ROUNDS; i++) {
        JsonNode r =
            c.request(
                "bet.place",
                Map.of(
                    "sessionId", session, "amount", stakes[i % stakes.length], "currency", "COIN"));
        assertThat(r.path("type").asString()).as(r.toString()).isEqualTo("bet.result");
        results.add(r.get("payload"));
      }
      JsonNode closed = c.request("session.close", Map.of("sessionId", session));
      assertThat(c.schemaViolations).isEmpty();
      transcript.put("game", game);
      transcript.put("opened", opened.get("payload"));
      transcript.put("seeded", seeded.get("payload"));
      transcript.put("results", results);
      transcript.put("closed", closed.get("payload"));
    } finally {
      c.abort();
    }

    Path dir = Files.createDirectories(Path.of("target", "transcripts"));
    Path honest = dir.resolve("session.json");
    Files.writeString(honest, WsStack.JSON.writeValueAsString(transcript), StandardCharsets.UTF_8);
    Run ok = run(nodeJs, honest);
    assertThat(ok.exit()).as(ok.output()).isZero();
    assertThat(ok.output()).contains(ROUNDS + " rounds verified").doesNotContain("MISMATCH");

    // The same transcript with one round's win raised by one minor unit.
    ObjectNode forged = (ObjectNode) WsStack.JSON.readTree(Files.readString(honest));
    ObjectNode round = (ObjectNode) forged.get("results").get(7);
    round.put("win", round.get("win").asLong() + 1);
    Path tampered = dir.resolve("session-tampered.json");
    Files.writeString(tampered, WsStack.JSON.writeValueAsString(forged), StandardCharsets.UTF_8);
    Run caught = run(nodeJs, tampered);
    assertThat(caught.exit()).as(caught.output()).isEqualTo(1);
    assertThat(caught.output())
        .containsPattern("round 8: stake .*: MISMATCH")
        .contains("FAILED round 8: win")
        .doesNotContain("rounds verified");
  }

  private record Run(int exit, String output) {}

  private static Run run(String node, Path transcript) throws Exception {
    Process p =
        new ProcessBuilder(node, "src/test/js/verify-session.mjs", transcript.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Run(p.exitValue(), output);
  }
}
