package dev.croupier.client.replay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The committed histories under {@code src/test/resources/histories} and replays over them. */
public final class Replays {
  private Replays() {}

  /** The {@code .json} histories in the resource folder {@code folder}, by name. */
  public static List<Path> histories(String folder) throws IOException, URISyntaxException {
    Path dir = Path.of(Replays.class.getResource(folder).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  /** The history in the resource {@code resource}. */
  public static WorkflowExecutionHistory history(String resource) throws Exception {
    return WorkflowExecutionHistory.fromJson(
        Files.readString(Path.of(Replays.class.getResource(resource).toURI())));
  }

  /** The types of a history's events, in order. */
  public static List<EventType> types(WorkflowExecutionHistory history) {
    return history.getEvents().stream().map(HistoryEvent::getEventType).toList();
  }

  /** Replays every history on {@code workflow}; the first that does not replay fails. */
  public static void replayAll(List<Path> histories, Class<?> workflow) throws Exception {
    for (Path history : histories) {
      WorkflowReplayer.replayWorkflowExecution(history.toFile(), workflow);
    }
  }

  /** Asserts that no history replays on {@code workflow}: each is non-deterministic there. */
  public static void assertEachFailsReplay(List<Path> histories, Class<?> workflow) {
    for (Path history : histories) {
      assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history.toFile(), workflow))
          .as(history.getFileName().toString())
          .hasMessageContaining(NonDeterministicException.class.getSimpleName());
    }
  }
}
