package dev.croupier.client.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.workflows.table.TableStart;
import dev.croupier.workflows.table.TableStatus;
import dev.croupier.workflows.table.TableWorkflowImpl;
import io.temporal.api.enums.v1.EventType;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replays poker table histories recorded on the real dev server by the workers module's crash test
 * ({@code TableSurvivesWorkerCrashesTest}): one run in which a SIGKILLed worker lost a workflow
 * task in the middle of a hand, and the last run of the same table, which closes it. A change that
 * alters the commands a recorded table produces fails here, before it reaches running tables; such
 * a change must be guarded with {@link Workflow#getVersion}. See workflows/README.md to re-capture.
 */
class TableReplayTest {

  static List<Path> histories() throws IOException, URISyntaxException {
    return Replays.histories("/histories/table");
  }

  static List<EventType> types(String name) throws Exception {
    return Replays.types(Replays.history("/histories/table/" + name));
  }

  @Test
  void committedTableHistoriesReplayOnTheCurrentWorkflow() throws Exception {
    List<Path> histories = histories();
    assertThat(histories)
        .extracting(p -> p.getFileName().toString())
        .contains("table-crash-interrupted.json", "table-closed.json");
    Replays.replayAll(histories, TableWorkflowImpl.class);
  }

  @Test
  void theCrashHistoryHoldsALostWorkflowTaskBetweenPlayedActionsAndContinuesAsNew()
      throws Exception {
    List<EventType> crash = types("table-crash-interrupted.json");
    assertThat(crash)
        .containsAnyOf(
            EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
        .contains(
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
            EventType.EVENT_TYPE_MARKER_RECORDED,
            EventType.EVENT_TYPE_TIMER_STARTED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    int lost = crash.indexOf(EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT);
    if (lost < 0) {
      lost = crash.indexOf(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    }
    // Mid-hand: actions were answered before the lost task and after it.
    assertThat(crash.subList(0, lost))
        .contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
    assertThat(crash.subList(lost, crash.size()))
        .contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED);
    assertThat(types("table-closed.json"))
        .contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  }

  @Test
  void aCommandOrderChangeWithoutAVersionGuardFailsReplay() throws Exception {
    Replays.assertEachFailsReplay(histories(), PausesBeforeSeeding.class);
  }

  @Test
  void theSameChangeGuardedByGetVersionReplays() throws Exception {
    Replays.replayAll(histories(), PausesBeforeSeedingVersioned.class);
  }

  /** A deliberately non-deterministic change: a timer before the run's first recorded command. */
  public static class PausesBeforeSeeding extends TableWorkflowImpl {
    @WorkflowInit
    public PausesBeforeSeeding(TableStart start) {
      super(start);
    }

    @Override
    public TableStatus run(TableStart start) {
      Workflow.sleep(Duration.ofMillis(1));
      return super.run(start);
    }
  }

  /** The same change, as it must be shipped: only new runs take the new branch. */
  public static class PausesBeforeSeedingVersioned extends TableWorkflowImpl {
    @WorkflowInit
    public PausesBeforeSeedingVersioned(TableStart start) {
      super(start);
    }

    @Override
    public TableStatus run(TableStart start) {
      if (Workflow.getVersion("pause-before-seeding", Workflow.DEFAULT_VERSION, 1) == 1) {
        Workflow.sleep(Duration.ofMillis(1));
      }
      return super.run(start);
    }
  }
}
