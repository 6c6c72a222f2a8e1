package dev.croupier.observability.health;

import dev.croupier.observability.PeriodicSampler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * The readiness group as meters, so alerts can name the dependency that is down: {@code
 * croupier.ready} (1 or 0) and {@code croupier.dependency.up{component}} (1 or 0 for each member of
 * readiness: {@code db}, {@code temporal}, {@code wallet}, {@code kafka} …). Evaluated every {@link
 * #EVERY} on a thread of its own, so a scrape never waits for a dependency's timeout.
 */
public final class ReadinessGauges extends PeriodicSampler {
  private static final Logger log = LoggerFactory.getLogger(ReadinessGauges.class);
  static final Duration EVERY = Duration.ofSeconds(10);

  private final HealthEndpoint health;
  private final MeterRegistry meters;
  private final AtomicInteger ready = new AtomicInteger();
  private final Map<String, AtomicInteger> components = new ConcurrentHashMap<>();

  public ReadinessGauges(HealthEndpoint health, MeterRegistry meters) {
    super("readiness-gauges", EVERY);
    this.health = health;
    this.meters = meters;
    Gauge.builder("croupier.ready", ready, AtomicInteger::get)
        .description("1 while the app's readiness group is UP")
        .register(meters);
  }

  /** Reads the readiness group once. */
  @Override
  public void sample() {
    try {
      HealthDescriptor readiness = health.healthForPath("readiness");
      if (readiness == null) {
        return;
      }
      ready.set(Status.UP.equals(readiness.getStatus()) ? 1 : 0);
      if (readiness instanceof CompositeHealthDescriptor composite
          && composite.getComponents() != null) {
        composite
            .getComponents()
            .forEach((name, d) -> component(name).set(Status.UP.equals(d.getStatus()) ? 1 : 0));
      }
    } catch (RuntimeException e) {
      ready.set(0);
      log.debug("cannot read readiness: {}", e.toString());
    }
  }

  private AtomicInteger component(String name) {
    return components.computeIfAbsent(
        name,
        n -> {
          AtomicInteger value = new AtomicInteger();
          Gauge.builder("croupier.dependency.up", value, AtomicInteger::get)
              .description("1 while this member of the readiness group is UP")
              .tag("component", n)
              .register(meters);
          return value;
        });
  }
}
