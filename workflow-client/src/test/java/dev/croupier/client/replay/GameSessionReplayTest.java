package dev.croupier.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.workflows.session.GameSessionWorkflowImpl;
import dev.croupier.workflows.session.SessionStart;
import dev.croupier.workflows.session.SessionSummary;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    return Replays.histories("/histories");
  }

  @Test
  void committedHistoriesReplayOnTheCurrentWorkflow() throws Exception {
    List<Path> histories = histories();
    assertThat(histories)
        .extracting(p -> p.getFileName().toString())
        .contains("session-crash-interrupted.json");
    Replays.replayAll(histories, GameSessionWorkflowImpl.class);
  }

  @Test
  void crashInterruptedHistoryHoldsALostWorkflowTaskAndBets() throws Exception {
    WorkflowExecutionHistory history = Replays.history("/histories/session-crash-interrupted.json");
    assertThat(history.getEvents())
        .anyMatch(
            e ->
                e.getEventType().name().contains("WORKFLOW_TASK_TIMED_OUT")
                    || e.getEventType().name().contains("WORKFLOW_TASK_FAILED"))
        .anyMatch(e -> e.getEventType().name().endsWith("UPDATE_COMPLETED"));
  }

  @Test
  void aCommandOrderChangeWithoutAVersionGuardFailsReplay() throws Exception {
    Replays.assertEachFailsReplay(histories(), PausesBeforeOpening.class);
  }

  @Test
  void theSameChangeGuardedByGetVersionReplays() throws Exception {
    Replays.replayAll(histories(), PausesBeforeOpeningVersioned.class);
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
