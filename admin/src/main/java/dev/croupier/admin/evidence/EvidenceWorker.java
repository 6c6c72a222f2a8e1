package dev.croupier.admin.evidence;

import dev.croupier.workflows.evidence.EvidenceActivities;
import dev.croupier.workflows.evidence.EvidenceExportWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The worker of the export workflows, on admin's evidence task queue: its activities hold the
 * export key and admin's service identity, so they run here and nowhere else.
 */
final class EvidenceWorker implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(EvidenceWorker.class);
  private final WorkerFactory factory;
  private final boolean autoStartup;
  private volatile boolean running;

  EvidenceWorker(
      WorkflowClient client, String taskQueue, EvidenceActivities activities, boolean autoStartup) {
    this.factory = WorkerFactory.newInstance(client);
    this.autoStartup = autoStartup;
    var worker = factory.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(EvidenceExportWorkflowImpl.class);
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
        .name("evidence-worker-start")
        .start(
            () -> {
              for (long backoff = 1; running; backoff = Math.min(30, backoff * 2)) {
                try {
                  factory.start();
                  log.info("evidence worker polling");
                  return;
                } catch (RuntimeException e) {
                  log.warn(
                      "evidence worker: Temporal not ready ({}), retrying in {} s", e, backoff);
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
