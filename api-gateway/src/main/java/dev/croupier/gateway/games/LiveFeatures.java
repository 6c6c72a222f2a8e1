package dev.croupier.gateway.games;

import dev.croupier.flags.FlagState;
import dev.croupier.flags.LiveFlags;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The feature flags as this gateway node sees them right now: admin's {@code admin.flags} topic,
 * followed live, so a flag turned off in admin is refused here within a poll (well under 2 s),
 * without a restart. Until a flag's first record is read, {@link Features} gives its value.
 */
@Component
public class LiveFeatures implements SmartLifecycle {
  /** Several slot rounds from one {@code bet.place}. */
  public static final String AUTO_SPIN = "auto-spin";

  private final LiveFlags flags;
  private volatile boolean running;

  LiveFeatures(Features features) {
    this.flags =
        new LiveFlags(
            new LiveFlags.Settings(
                features.bootstrapServers(),
                features.topic(),
                Map.of(AUTO_SPIN, features.autoSpin()),
                "gateway-flags-" + UUID.randomUUID()));
  }

  /** Whether auto-spin is on. */
  public boolean autoSpin() {
    return flags.isOn(AUTO_SPIN);
  }

  /** Called on every flag change this node reads. */
  public void onChange(Consumer<FlagState> listener) {
    flags.onChange(listener);
  }

  /** Whether this node has read every flag that was on the topic when it started. */
  public boolean caughtUp() {
    return flags.caughtUp();
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
