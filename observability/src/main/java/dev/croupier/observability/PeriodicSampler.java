package dev.croupier.observability;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Gauges whose values are read on a daemon thread of their own every {@code every}, from the
 * application context's start to its stop, so a Prometheus scrape never waits for a slow read (a
 * dependency's timeout, a database count). Subclasses implement {@link #sample()}; it must not
 * throw.
 */
public abstract class PeriodicSampler implements SmartLifecycle {
  private final String threadName;
  private final Duration every;
  private ScheduledExecutorService sampler;

  protected PeriodicSampler(String threadName, Duration every) {
    this.threadName = threadName;
    this.every = every;
  }

  /** Reads the values once and sets the gauges. */
  protected abstract void sample();

  @Override
  public synchronized void start() {
    sampler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(threadName).daemon().factory());
    sampler.scheduleWithFixedDelay(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (sampler != null) {
      sampler.shutdownNow();
      sampler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return sampler != null;
  }
}
