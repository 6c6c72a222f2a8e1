package dev.croupier.realtime.leaderboard;

import dev.croupier.realtime.internal.DisplayNames;
import dev.croupier.realtime.internal.KafkaClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every refresh interval, reads the top N of every board, period and currency (one indexed query
 * each) and publishes them to {@code leaderboard.updates}, keyed {@code board/period/currency}.
 */
public final class LeaderboardPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderboardPublisher.class);

  /** What to publish, where and how often. */
  public record Settings(
      String bootstrapServers, String topic, Duration refresh, int topN, List<String> currencies) {}

  private final Settings settings;
  private final Leaderboards boards;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();
  private KafkaProducer<String, String> producer;
  private ScheduledExecutorService timer;

  public LeaderboardPublisher(Settings settings, Leaderboards boards, Clock clock) {
    this.settings = settings;
    this.boards = boards;
    this.clock = clock;
  }

  public synchronized void start() {
    if (timer != null) {
      return;
    }
    producer =
        KafkaClients.producer(settings.bootstrapServers(), "workers-boards-" + UUID.randomUUID());
    timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("workers-boards").daemon().factory());
    long every = settings.refresh().toMillis();
    timer.scheduleWithFixedDelay(this::publishSafely, 0, every, TimeUnit.MILLISECONDS);
  }

  private void publishSafely() {
    try {
      publish();
    } catch (RuntimeException e) {
      log.warn("publishing the leaderboards failed; next try in {}", settings.refresh(), e);
    }
  }

  /** Reads and publishes every board once. */
  void publish() {
    Instant now = clock.instant();
    for (String currency : settings.currencies()) {
      for (Board board : Board.values()) {
        for (Period period : Period.values()) {
          List<Standing> top = boards.top(board, period, currency, settings.topN());
          ObjectNode record = json.createObjectNode();
          record.put("type", "leaderboard.update");
          ObjectNode payload = record.putObject("payload");
          payload.put("board", board.id());
          payload.put("period", period.id());
          ArrayNode entries = payload.putArray("entries");
          ArrayNode players = json.createArrayNode();
          for (Standing s : top) {
            ObjectNode e = entries.addObject();
            e.put("rank", s.rank());
            e.put("displayName", DisplayNames.standIn(s.userId()));
            e.put("value", s.value());
            players.add(s.userId().toString());
          }
          record.set("userIds", players);
          record.put("currency", currency);
          record.put("periodStart", period.start(now).toString());
          record.put("asOf", now.toString());
          String key = board.id() + "/" + period.id() + "/" + currency;
          producer.send(
              new ProducerRecord<>(settings.topic(), key, json.writeValueAsString(record)),
              (md, ex) -> {
                if (ex != null) {
                  log.warn("publishing {} failed: {}", key, ex.toString());
                }
              });
        }
      }
    }
    producer.flush();
  }

  @Override
  public synchronized void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
    timer = null;
  }
}
