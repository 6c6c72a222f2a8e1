package dev.croupier.workers.recall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.workers.WorkerProcess;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replay check over histories the suite itself recorded and committed (workflow-client's replay
 * resources): a crash-recovered session, a session across continue-as-new (every run), a closed
 * poker table and a crash-recovered table across a continue-as-new replay on this build's workflow
 * code with the workers' data converter; each with a command taken out fails, naming the event, and
 * is counted.
 */
class HistoryReplayTest {
  private static final Path HISTORIES = Path.of("../workflow-client/src/test/resources/histories");
  private static final ObjectMapper JSON = new ObjectMapper();
  private TestWorkflowEnvironment env;
  private SimpleMeterRegistry meters;
  private HistoryReplay replay;

  @BeforeEach
  void start() {
    // The workers' converter, with the key the committed session chain was sealed with.
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(
                            SeedSealing.fromBase64(WorkerProcess.FIXTURE_SEALING_KEY)
                                .dataConverter())
                        .build())
                .build());
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

  /**
   * A session that continued as new twice on the dev server ({@code WorkersApplicationTest} wrote
   * the chain with {@code -Dcroupier.write-histories=true}): every run replays, the chain links
   * each run to the one before, and a run with a command taken out fails.
   */
  @Test
  void aSessionChainAcrossContinueAsNewReplaysRunByRunAndABrokenRunFails() throws Exception {
    List<Path> runs;
    try (Stream<Path> files = Files.list(HISTORIES.resolve("session-chain"))) {
      runs = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(runs).hasSizeGreaterThanOrEqualTo(3);
    String previousRun = "";
    for (Path file : runs) {
      String json = Files.readString(file);
      WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(json);
      assertThat(
              history
                  .getEvents()
                  .getFirst()
                  .getWorkflowExecutionStartedEventAttributes()
                  .getContinuedExecutionRunId())
          .as(file + " continues the run before it")
          .isEqualTo(previousRun);
      // The JSON format carries no run id: each run names its own as the original execution.
      previousRun =
          history
              .getEvents()
              .getFirst()
              .getWorkflowExecutionStartedEventAttributes()
              .getOriginalExecutionRunId();
      HistoryReplay.Verdict ok = replay.replay(json);
      assertThat(ok.passed()).as(file + ": " + ok.detail()).isTrue();
      assertThat(ok.workflowId()).startsWith("session-");
      HistoryReplay.Verdict broken = replay.replay(withoutFirstCommandEvent(json));
      assertThat(broken.passed()).as(file.toString()).isFalse();
      assertThat(broken.detail()).as(file.toString()).contains("during replay");
    }
    assertThat(
            WorkflowExecutionHistory.fromJson(Files.readString(runs.getFirst()))
                .getLastEvent()
                .getEventType()
                .name())
        .endsWith("CONTINUED_AS_NEW");
    assertThat(meters.counter("croupier.game.evidence.replays", "outcome", "passed").count())
        .isEqualTo(runs.size());
    assertThat(meters.counter("croupier.game.evidence.replays", "outcome", "failed").count())
        .isEqualTo(runs.size());
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
