package dev.croupier.workers;

import dev.croupier.games.api.GameDescriptor;
import dev.croupier.games.api.GameRegistry;
import dev.croupier.games.api.RoundGame;
import dev.croupier.gamestore.projection.SessionProjection;
import dev.croupier.observability.PeriodicSampler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What is open across the platform, sampled every {@link #EVERY} on a thread of its own: {@code
 * croupier.game.sessions.open{game}} from the projection's partial index of open sessions, and
 * {@code croupier.game.tables.open} from Temporal's visibility (running table workflows; NaN where
 * the server cannot count, as the Java test server). Every workers instance reports the same
 * figures: dashboards take the maximum.
 */
@Component
class OpenGames extends PeriodicSampler {
  private static final Logger log = LoggerFactory.getLogger(OpenGames.class);
  static final Duration EVERY = Duration.ofSeconds(15);
  static final String TABLES_QUERY =
      "WorkflowType = 'PokerTableWorkflow' AND ExecutionStatus = 'Running'";

  private final SessionProjection projection;
  private final WorkflowClient temporal;
  private final MeterRegistry meters;
  private final Map<String, AtomicLong> sessions = new ConcurrentHashMap<>();
  private volatile double tables = Double.NaN;

  OpenGames(DSLContext dsl, WorkflowClient temporal, MeterRegistry meters, GameRegistry games) {
    super("open-games", EVERY);
    this.projection = new SessionProjection(dsl);
    this.temporal = temporal;
    this.meters = meters;
    // Every installed round game reports, 0 until a session of it is open.
    for (GameDescriptor d : games.descriptors()) {
      if (games.find(d.ref()) instanceof RoundGame) {
        gauge(d.ref().toString());
      }
    }
    Gauge.builder("croupier.game.tables.open", this, g -> g.tables)
        .description("Table workflows running")
        .register(meters);
  }

  @Override
  protected void sample() {
    try {
      Map<String, Long> open = projection.openSessionsByGame();
      sessions.forEach((game, value) -> value.set(open.getOrDefault(game, 0L)));
      open.forEach((game, count) -> gauge(game).set(count));
    } catch (RuntimeException e) {
      log.debug("cannot count the open sessions: {}", e.toString());
    }
    try {
      tables = temporal.countWorkflows(TABLES_QUERY).getCount();
    } catch (RuntimeException e) {
      tables = Double.NaN;
      log.debug("cannot count the open tables: {}", e.toString());
    }
  }

  private AtomicLong gauge(String game) {
    return sessions.computeIfAbsent(
        game,
        g -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder("croupier.game.sessions.open", value, AtomicLong::get)
              .description("Game sessions open, by game")
              .tag("game", g)
              .register(meters);
          return value;
        });
  }
}
