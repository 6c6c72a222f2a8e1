package dev.croupier.bench.sessions;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/** The engine's floor: a workflow whose Update runs one no-op local activity. */
@WorkflowInterface
public interface FloorWorkflow {
  @WorkflowMethod
  void run();

  @UpdateMethod
  long touch(long n);

  /** The no-op local activity. */
  @ActivityInterface(namePrefix = "Floor.")
  interface Noop {
    long echo(long n);
  }

  /** Does nothing but echo. */
  class NoopImpl implements Noop {
    @Override
    public long echo(long n) {
      return n;
    }
  }

  /** Waits forever; every Update is one workflow task with one local activity. */
  class Impl implements FloorWorkflow {
    private final Noop noop =
        Workflow.newLocalActivityStub(
            Noop.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(5))
                .build());
    private boolean done;

    @Override
    public void run() {
      Workflow.await(() -> done);
    }

    @Override
    public long touch(long n) {
      return noop.echo(n);
    }
  }
}
