package dev.croupier.admin.approvals;

import dev.croupier.workflows.approval.AdjustmentActivities;
import dev.croupier.workflows.approval.AdjustmentWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The worker of the approval workflows, on the admin app's own task queue: the activities post with
 * admin's wallet identity and write schema admin, so they run here and nowhere else. At start it
 * also resumes adjustments whose workflow was never started (the app stopped in between).
 */
final class ApprovalWorker implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(ApprovalWorker.class);
  private final WorkerFactory factory;
  private final Adjustments adjustments;
  private final boolean autoStartup;
  private volatile boolean running;

  ApprovalWorker(
      WorkflowClient client,
      String taskQueue,
      AdjustmentActivities activities,
      Adjustments adjustments,
      boolean autoStartup) {
    this.factory = WorkerFactory.newInstance(client);
    this.adjustments = adjustments;
    this.autoStartup = autoStartup;
    var worker = factory.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(AdjustmentWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public void start() {
    running = true;
    // Temporal may still be starting: the worker connects in the background and retries.
    Thread.ofVirtual()
        .name("approval-worker-start")
        .start(
            () -> {
              for (long backoff = 1; running; backoff = Math.min(30, backoff * 2)) {
                try {
                  factory.start();
                  log.info("approval worker polling; {} adjustments resumed", adjustments.resume());
                  return;
                } catch (RuntimeException e) {
                  log.warn(
                      "approval worker: Temporal not ready ({}), retrying in {} s",
                      e.toString(),
                      backoff);
                  try {
                    Thread.sleep(backoff * 1000);
                  } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }
            });
  }

  @Override
  public void stop() {
    running = false;
    factory.shutdown();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
