package dev.croupier.realtime;

import dev.croupier.observability.health.KafkaHealthIndicator;
import dev.croupier.outbox.Leadership;
import dev.croupier.realtime.jackpot.JackpotAggregator;
import dev.croupier.realtime.leaderboard.LeaderboardIngest;
import dev.croupier.realtime.leaderboard.LeaderboardPublisher;
import dev.croupier.realtime.leaderboard.Leaderboards;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The jackpot aggregator, the leaderboard ingest and publisher, and the board reads; on unless
 * {@code croupier.realtime.enabled=false}. They start after the context is refreshed (Flyway has
 * migrated by then) and stop before the data source closes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "croupier.realtime.enabled",
    havingValue = "true",
    matchIfMissing = true)
class RealtimeConfiguration {
  /** Arbitrary, fixed: the jackpot aggregator's leadership lock among advisory locks. */
  static final long JACKPOT_LOCK = 0x6a61636b706f74L;

  /** Kafka in readiness: both aggregators read and write it. */
  @Bean(destroyMethod = "close")
  KafkaHealthIndicator kafkaHealthIndicator(RealtimeProperties props) {
    return new KafkaHealthIndicator(props.bootstrapServers(), Duration.ofSeconds(3));
  }

  @Bean
  Leaderboards leaderboards(DSLContext dsl) {
    return new Leaderboards(dsl, Clock.systemUTC());
  }

  @Bean
  SmartLifecycle jackpotAggregatorLifecycle(
      RealtimeProperties props, DataSource dataSource, MeterRegistry meters) {
    JackpotAggregator aggregator =
        new JackpotAggregator(
            new JackpotAggregator.Settings(
                props.bootstrapServers(),
                props.entriesTopic(),
                props.jackpot().topic(),
                props.jackpot().interval(),
                props.jackpot().currencies()),
            new Leadership(dataSource, JACKPOT_LOCK),
            Clock.systemUTC(),
            meters);
    return new Lifecycle(aggregator::start, aggregator::close);
  }

  @Bean
  SmartLifecycle leaderboardIngestLifecycle(
      RealtimeProperties props, DSLContext dsl, MeterRegistry meters) {
    LeaderboardIngest ingest =
        new LeaderboardIngest(
            new LeaderboardIngest.Settings(
                props.bootstrapServers(), props.entriesTopic(), props.leaderboard().groupId()),
            dsl,
            meters);
    return new Lifecycle(ingest::start, ingest::close);
  }

  @Bean
  SmartLifecycle leaderboardPublisherLifecycle(RealtimeProperties props, Leaderboards boards) {
    RealtimeProperties.Leaderboard l = props.leaderboard();
    LeaderboardPublisher publisher =
        new LeaderboardPublisher(
            new LeaderboardPublisher.Settings(
                props.bootstrapServers(), l.topic(), l.refresh(), l.topN(), l.currencies()),
            boards,
            Clock.systemUTC());
    return new Lifecycle(publisher::start, publisher::close);
  }

  /** Starts and stops a component with the application context. */
  static final class Lifecycle implements SmartLifecycle {
    private final Runnable start;
    private final Runnable stop;
    private volatile boolean running;

    Lifecycle(Runnable start, Runnable stop) {
      this.start = start;
      this.stop = stop;
    }

    @Override
    public void start() {
      start.run();
      running = true;
    }

    @Override
    public void stop() {
      running = false;
      stop.run();
    }

    @Override
    public boolean isRunning() {
      return running;
    }
  }
}
