package dev.croupier.gateway.ws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.croupier.gateway.ws.ClientMessage.PlaceBet;
import dev.croupier.gateway.ws.ClientMessage.TableMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * What one WebSocket frame leaves behind for ops. Each request runs in a span {@code ws <type>}
 * (the root of a bet's trace: the Temporal Update, the workflow, its local activities and the
 * wallet call are its children), with the player, the request id and the session or table in the
 * log context; the span's meter is {@code croupier.gateway.ws.frame{type, outcome}}. A bet also
 * counts in {@code croupier.gateway.bets{game, outcome}} and its time from the frame's arrival to
 * the answer being queued in {@code croupier.gateway.bet.latency{game, outcome, spins}}, a
 * histogram with buckets at the service levels the alerts use.
 */
@Component
class FrameTelemetry {
  /** The outcome of a request answered without an error frame. */
  static final String OK = "ok";

  /** Bucket edges of the bet latency histogram: the alert's 250 ms among them. */
  static final Duration[] BET_SLOS = {
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  static final String USER_ID = "userId";
  static final String REQUEST_ID = "requestId";
  static final String SESSION_ID = "sessionId";
  static final String TABLE_ID = "tableId";

  private final ObservationRegistry observations;
  private final MeterRegistry meters;

  /** The game of each session this node has seen opened or read, for the bet meters' tag. */
  private final Cache<UUID, String> games =
      Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofHours(6)).build();

  FrameTelemetry(ObservationRegistry observations, MeterRegistry meters) {
    this.observations = observations;
    this.meters = meters;
  }

  /** Tags later bets on {@code sessionId} with {@code game} ({@code gameId@version}). */
  void rememberGame(UUID sessionId, String game) {
    games.put(sessionId, game);
  }

  /**
   * Runs {@code dispatch} (which answers the frame and returns {@link #OK} or the error code it
   * answered with) in the frame's span and log context.
   *
   * @param receivedNanos {@link System#nanoTime()} when the frame arrived
   */
  void handle(Connection c, ClientMessage m, long receivedNanos, Supplier<String> dispatch) {
    String type = MessageDispatcher.typeOf(m);
    Observation observation =
        Observation.createNotStarted("croupier.gateway.ws.frame", observations)
            .contextualName("ws " + type)
            .lowCardinalityKeyValue("type", type);
    String session = MessageDispatcher.sessionOf(m);
    if (!session.equals("-")) {
      observation.highCardinalityKeyValue("croupier.session.id", session);
    }
    String outcome = OK;
    observation.start();
    try (Observation.Scope scope = observation.openScope();
        MDC.MDCCloseable user = MDC.putCloseable(USER_ID, c.player().userId().toString());
        MDC.MDCCloseable request = MDC.putCloseable(REQUEST_ID, m.id());
        MDC.MDCCloseable subject = subject(m, session)) {
      outcome = dispatch.get();
    } catch (RuntimeException e) {
      outcome = "INTERNAL";
      observation.error(e);
      throw e;
    } finally {
      observation.lowCardinalityKeyValue("outcome", outcome);
      observation.stop();
      if (m instanceof PlaceBet bet) {
        recordBet(bet, outcome, System.nanoTime() - receivedNanos);
      }
    }
  }

  private static MDC.MDCCloseable subject(ClientMessage m, String session) {
    if (m instanceof TableMessage t) {
      return MDC.putCloseable(TABLE_ID, t.tableId().toString());
    }
    return session.equals("-") ? null : MDC.putCloseable(SESSION_ID, session);
  }

  private void recordBet(PlaceBet bet, String outcome, long nanos) {
    String game = bet.sessionId() == null ? "unknown" : games.getIfPresent(bet.sessionId());
    String gameTag = game == null ? "unknown" : game;
    Timer.builder("croupier.gateway.bet.latency")
        .description("A bet from its WebSocket frame's arrival to its answer")
        .serviceLevelObjectives(BET_SLOS)
        .tag("game", gameTag)
        .tag("outcome", outcome)
        .tag("spins", bet.spins() > 1 ? "auto" : "single")
        .register(meters)
        .record(nanos, TimeUnit.NANOSECONDS);
    Counter.builder("croupier.gateway.bets")
        .description("Bets answered, by game and outcome")
        .tag("game", gameTag)
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }
}
