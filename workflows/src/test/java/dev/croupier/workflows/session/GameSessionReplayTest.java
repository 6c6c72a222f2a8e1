package dev.croupier.workflows.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays histories recorded on the real dev server (by the workers module's crash and restart
 * tests, including runs interrupted by SIGKILL) against the current workflow code. A change that
 * alters the commands a recorded session produces fails here, before it reaches running sessions;
 * such a change must be guarded with {@link Workflow#getVersion}. See workflows/README.md to
 * re-capture the histories.
 */
class GameSessionReplayTest {

  static List<Path> histories() throws IOException, URISyntaxException {
    Path dir = Path.of(GameSessionReplayTest.class.getResource("/histories").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void committedHistoriesReplayOnTheCurrentWorkflow() throws Exception {
    List<Path> histories = histories();
    assertThat(histories)
        .extracting(p -> p.getFileName().toString())
        .contains("session-crash-interrupted.json");
    for (Path history : histories) {
      WorkflowReplayer.replayWorkflowExecution(history.toFile(), GameSessionWorkflowImpl.class);
    }
  }

  @Test
  void crashInterruptedHistoryHoldsALostWorkflowTaskAndBets() throws Exception {
    WorkflowExecutionHistory history =
        WorkflowExecutionHistory.fromJson(
            Files.readString(
                Path.of(
                    getClass().getResource("/histories/session-crash-interrupted.json").toURI())));
    assertThat(history.getEvents())
        .anyMatch(
            e ->
                e.getEventType().name().contains("WORKFLOW_TASK_TIMED_OUT")
                    || e.getEventType().name().contains("WORKFLOW_TASK_FAILED"))
        .anyMatch(e -> e.getEventType().name().endsWith("UPDATE_COMPLETED"));
  }

  @Test
  void aCommandOrderChangeWithoutAVersionGuardFailsReplay() throws Exception {
    for (Path history : histories()) {
      assertThatThrownBy(
              () ->
                  WorkflowReplayer.replayWorkflowExecution(
                      history.toFile(), PausesBeforeOpening.class))
          .as(history.getFileName().toString())
          .hasMessageContaining(NonDeterministicException.class.getSimpleName());
    }
  }

  @Test
  void theSameChangeGuardedByGetVersionReplays() throws Exception {
    for (Path history : histories()) {
      WorkflowReplayer.replayWorkflowExecution(
          history.toFile(), PausesBeforeOpeningVersioned.class);
    }
  }

  /** A deliberately non-deterministic change: a timer before the first recorded command. */
  public static class PausesBeforeOpening extends GameSessionWorkflowImpl {
    @WorkflowInit
    public PausesBeforeOpening(SessionStart start) {
      super(start);
    }

    @Override
    public SessionSummary run(SessionStart start) {
      Workflow.sleep(Duration.ofMillis(1));
      return super.run(start);
    }
  }

  /** The same change, as it must be shipped: only new runs take the new branch. */
  public static class PausesBeforeOpeningVersioned extends GameSessionWorkflowImpl {
    @WorkflowInit
    public PausesBeforeOpeningVersioned(SessionStart start) {
      super(start);
    }

    @Override
    public SessionSummary run(SessionStart start) {
      if (Workflow.getVersion("pause-before-opening", Workflow.DEFAULT_VERSION, 1) == 1) {
        Workflow.sleep(Duration.ofMillis(1));
      }
      return super.run(start);
    }
  }
}
