package dev.croupier.workers.recall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replay check over histories the suite itself recorded and committed (workflow-client's replay
 * resources): a crash-recovered session, a closed poker table and a crash-recovered table across a
 * continue-as-new replay on this build's workflow code; each with a command taken out fails, naming
 * the event, and is counted.
 */
class HistoryReplayTest {
  private static final Path HISTORIES = Path.of("../workflow-client/src/test/resources/histories");
  private static final ObjectMapper JSON = new ObjectMapper();
  private TestWorkflowEnvironment env;
  private SimpleMeterRegistry meters;
  private HistoryReplay replay;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    meters = new SimpleMeterRegistry();
    replay = new HistoryReplay(env.getWorkflowClient(), meters);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void recordedSessionAndTableHistoriesReplayAndBrokenVariantsFail() throws Exception {
    List<Path> files =
        List.of(
            HISTORIES.resolve("session-crash-interrupted.json"),
            HISTORIES.resolve("table/table-closed.json"),
            HISTORIES.resolve("table/table-crash-interrupted.json"));
    for (Path file : files) {
      String json = Files.readString(file);
      HistoryReplay.Verdict ok = replay.replay(json);
      assertThat(ok.passed()).as(file + ": " + ok.detail()).isTrue();
      HistoryReplay.Verdict broken = replay.replay(withoutFirstCommandEvent(json));
      assertThat(broken.passed()).as(file.toString()).isFalse();
      assertThat(broken.detail()).as(file.toString()).contains("during replay");
    }
    assertThat(meters.counter("croupier.game.evidence.replays", "outcome", "passed").count())
        .isEqualTo(3);
    assertThat(meters.counter("croupier.game.evidence.replays", "outcome", "failed").count())
        .isEqualTo(3);
    assertThat(replay.replay("{not a history").passed()).isFalse();
  }

  /** The history without its first timer or marker (a command the code will issue), renumbered. */
  private static String withoutFirstCommandEvent(String json) throws Exception {
    ObjectNode doc = (ObjectNode) JSON.readTree(json);
    ArrayNode events = (ArrayNode) doc.get("events");
    for (int i = 0; i < events.size(); i++) {
      String type = events.get(i).path("eventType").asText();
      if (type.endsWith("TIMER_STARTED") || type.endsWith("MARKER_RECORDED")) {
        events.remove(i);
        break;
      }
    }
    for (int i = 0; i < events.size(); i++) {
      ((ObjectNode) events.get(i)).put("eventId", String.valueOf(i + 1));
    }
    return JSON.writeValueAsString(doc);
  }
}
