package dev.croupier.admin.platform;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A Temporal worker the admin app runs on a task queue of its own (approvals, evidence exports):
 * their activities hold admin's identities and keys, so they run here and nowhere else. Temporal
 * may still be starting when admin does: the worker connects in the background, retrying with a
 * growing wait (1 s doubling to 30 s), and says once when it polls.
 */
public final class AdminWorker implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(AdminWorker.class);
  private final String name;
  private final WorkerFactory factory;
  private final Supplier<String> onPolling;
  private final boolean autoStartup;
  private volatile boolean running;

  /**
   * @param name for the log and the start thread, for example {@code approval}
   * @param register registers the workflow and activity implementations on the new worker
   * @param onPolling runs once the worker polls; what it returns is added to the log line
   * @param autoStartup false in command mode and where {@code croupier.admin.temporal.worker} is
   */
  public AdminWorker(
      String name,
      WorkflowClient client,
      String taskQueue,
      Consumer<Worker> register,
      Supplier<String> onPolling,
      boolean autoStartup) {
    this.name = name;
    this.factory = WorkerFactory.newInstance(client);
    this.onPolling = onPolling;
    this.autoStartup = autoStartup;
    register.accept(factory.newWorker(taskQueue));
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public void start() {
    running = true;
    Thread.ofVirtual().name(name + "-worker-start").start(this::startPolling);
  }

  private void startPolling() {
    for (long backoff = 1; running; backoff = Math.min(30, backoff * 2)) {
      try {
        factory.start();
        log.info("{} worker polling{}", name, onPolling.get());
        return;
      } catch (RuntimeException e) {
        log.warn(
            "{} worker: Temporal not ready ({}), retrying in {} s", name, e.toString(), backoff);
        try {
          Thread.sleep(backoff * 1000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Whether the worker polls its task queue now. */
  public boolean polling() {
    return factory.isStarted() && !factory.isShutdown();
  }

  /** Whether this worker is meant to run here (false in command mode or when switched off). */
  public boolean enabled() {
    return autoStartup;
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
