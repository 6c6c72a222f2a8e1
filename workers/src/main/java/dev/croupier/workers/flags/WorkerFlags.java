package dev.croupier.workers.flags;

import dev.croupier.flags.FlagState;
import dev.croupier.flags.LiveFlags;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The feature flags as this worker node sees them: admin's {@code admin.flags}, followed live, so a
 * change reaches every worker within a poll. No worker behaviour hangs on a flag yet; the reader is
 * here so that the first one (a game switched off, say) needs no new plumbing, and ops can see at
 * {@code GET /flags} which value each node holds.
 */
@Component
public class WorkerFlags implements SmartLifecycle {
  private final LiveFlags flags;
  private volatile boolean running;

  WorkerFlags(FlagsProperties properties) {
    this.flags =
        new LiveFlags(
            new LiveFlags.Settings(
                properties.bootstrapServers(),
                properties.topic(),
                Map.of(),
                "workers-flags-" + UUID.randomUUID()));
  }

  /** Whether {@code key} is on for this node. */
  public boolean isOn(String key) {
    return flags.isOn(key);
  }

  /** Every flag this node has read. */
  public Map<String, FlagState> read() {
    return flags.read();
  }

  @Override
  public void start() {
    flags.start();
    running = true;
  }

  @Override
  public void stop() {
    flags.close();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
