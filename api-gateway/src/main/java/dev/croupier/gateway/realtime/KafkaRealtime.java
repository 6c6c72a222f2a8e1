package dev.croupier.gateway.realtime;

import dev.croupier.errors.CroupierException;
import dev.croupier.errors.ErrorCode;
import dev.croupier.gateway.ws.RealtimeFeeds;
import dev.croupier.gateway.ws.ServerEvent;
import dev.croupier.gateway.ws.Sockets;
import dev.croupier.gateway.ws.Topic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every gateway node reads every realtime topic from its end (no consumer group: each node needs
 * all records), keeps what a late joiner needs (the last chat messages, the last jackpot value,
 * each board's last snapshot, the table list) and pushes new records to the subscribed sockets.
 * Chat is produced here and shown when it comes back from the topic, so every node, this one
 * included, shows the same messages in the same order.
 */
@Component
class KafkaRealtime implements RealtimeFeeds, SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(KafkaRealtime.class);
  private static final Duration DISCOVERY = Duration.ofSeconds(10);
  private static final int LAST_VALUES = 50;

  private final RealtimeProperties properties;
  private final Sockets sockets;
  private final JsonMapper json = JsonMapper.builder().build();

  private final ArrayDeque<ServerEvent> chat = new ArrayDeque<>();
  private final Map<String, ServerEvent> boards = new TreeMap<>();
  private final Map<String, JsonNode> tables = new LinkedHashMap<>();
  private volatile @Nullable ServerEvent jackpot;

  private volatile @Nullable KafkaProducer<String, String> producer;
  private volatile @Nullable KafkaConsumer<String, String> consumer;
  private volatile @Nullable Thread loop;
  private volatile boolean running;

  private final MeterRegistry meters;
  private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();

  KafkaRealtime(RealtimeProperties properties, Sockets sockets, MeterRegistry meters) {
    this.properties = properties;
    this.sockets = sockets;
    this.meters = meters;
  }

  /** Counts a record this node took from a realtime topic, for the feeds' dashboard. */
  private void countFeed(String feed) {
    Counter.builder("croupier.gateway.feed.events")
        .description("Records taken from the realtime topics and pushed to subscribers")
        .tag("feed", feed)
        .register(meters)
        .increment();
  }

  @Override
  public List<ServerEvent> snapshot(Topic topic) {
    return switch (topic) {
      case JACKPOT -> {
        ServerEvent j = jackpot;
        yield j == null ? List.of() : List.of(j);
      }
      case LEADERBOARD -> {
        synchronized (boards) {
          yield List.copyOf(boards.values());
        }
      }
      case LOBBY -> {
        List<ServerEvent> out = new ArrayList<>();
        synchronized (chat) {
          out.addAll(chat);
        }
        synchronized (tables) {
          out.add(tablesEvent());
        }
        yield out;
      }
    };
  }

  @Override
  public void sendChat(UUID userId, String displayName, String escapedText) {
    KafkaProducer<String, String> p = producer;
    if (p == null) {
      throw new CroupierException(ErrorCode.UNAVAILABLE, "chat is not running");
    }
    ObjectNode record = json.createObjectNode();
    record.put("type", "lobby.chat");
    ObjectNode payload = record.putObject("payload");
    payload.put("from", displayName);
    payload.put("text", escapedText);
    payload.put("at", Instant.now().toString());
    record.put("userId", userId.toString());
    try {
      p.send(new ProducerRecord<>(properties.chatTopic(), null, json.writeValueAsString(record)))
          .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CroupierException(ErrorCode.UNAVAILABLE, "interrupted");
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.warn("chat message of user {} not acknowledged: {}", userId, e.toString());
      throw new CroupierException(ErrorCode.UNAVAILABLE, "chat is unavailable");
    }
  }

  void accept(ConsumerRecord<String, String> r) {
    JsonNode value = parse(r.value());
    String topic = r.topic();
    if (topic.equals(properties.tablesTopic())) {
      if (r.key() == null) {
        return;
      }
      synchronized (tables) {
        if (value == null || !value.isObject()) {
          tables.remove(r.key());
        } else {
          tables.put(r.key(), value.has("payload") ? value.get("payload") : value);
        }
        sockets.push(Topic.LOBBY, tablesEvent());
      }
      countFeed("tables");
      return;
    }
    if (value == null || !value.isObject()) {
      log.debug("ignoring a record on {} that is not a JSON object", topic);
      return;
    }
    if (topic.equals(properties.chatTopic())) {
      ServerEvent e = event(value, "lobby.chat", Set.of("lobby.chat"), false);
      if (e != null) {
        synchronized (chat) {
          chat.addLast(e);
          while (chat.size() > properties.chatHistory()) {
            chat.removeFirst();
          }
        }
        sockets.push(Topic.LOBBY, e);
        countFeed("chat");
      }
    } else if (topic.equals(properties.jackpotTopic())) {
      ServerEvent e =
          event(value, "jackpot.update", Set.of("jackpot.update", "jackpot.won"), false);
      if (e != null) {
        boolean update = e.type().equals("jackpot.update");
        ServerEvent pushed = update ? new ServerEvent(e.type(), e.payload(), true) : e;
        if (update) {
          jackpot = pushed;
        }
        sockets.push(Topic.JACKPOT, pushed);
        countFeed("jackpot");
      }
    } else if (topic.equals(properties.leaderboardTopic())) {
      ServerEvent e = event(value, "leaderboard.update", Set.of("leaderboard.update"), true);
      if (e != null) {
        JsonNode p = (JsonNode) e.payload();
        synchronized (boards) {
          boards.put(p.path("board").asString("") + "/" + p.path("period").asString(""), e);
        }
        sockets.push(Topic.LEADERBOARD, e);
        countFeed("leaderboard");
      }
    }
  }

  private @Nullable JsonNode parse(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return json.readTree(value);
    } catch (JacksonException e) {
      return null;
    }
  }

  /** A record is an event frame {@code {type, payload}}, or a bare payload of the default type. */
  private static @Nullable ServerEvent event(
      JsonNode value, String defaultType, Set<String> allowed, boolean droppable) {
    JsonNode type = value.get("type");
    JsonNode payload = value.get("payload");
    if (type != null && type.isString() && payload != null && payload.isObject()) {
      return allowed.contains(type.stringValue())
          ? new ServerEvent(type.stringValue(), payload, droppable)
          : null;
    }
    return new ServerEvent(defaultType, value, droppable);
  }

  private ServerEvent tablesEvent() {
    return new ServerEvent("tables.update", Map.of("tables", List.copyOf(tables.values())), false);
  }

  private void run() {
    KafkaConsumer<String, String> c = consumer;
    Set<TopicPartition> assigned = new HashSet<>();
    long nextDiscovery = 0;
    try {
      while (running) {
        if (System.nanoTime() >= nextDiscovery) {
          discover(c, assigned);
          nextDiscovery = System.nanoTime() + DISCOVERY.toNanos();
        }
        if (assigned.isEmpty()) {
          c.poll(Duration.ZERO);
          java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
          continue;
        }
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
          try {
            accept(r);
          } catch (RuntimeException e) {
            log.warn("bad record at {}-{}@{}", r.topic(), r.partition(), r.offset(), e);
          }
        }
      }
    } catch (WakeupException e) {
      log.debug("realtime consumer woken up to stop");
    } catch (RuntimeException e) {
      log.error("realtime consumer stopped", e);
    } finally {
      c.close(Duration.ofSeconds(2));
    }
  }

  private void discover(KafkaConsumer<String, String> c, Set<TopicPartition> assigned) {
    List<TopicPartition> fresh = new ArrayList<>();
    Map<String, List<PartitionInfo>> existing;
    try {
      existing = c.listTopics(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      log.debug("no topic metadata yet: {}", e.toString());
      return;
    }
    for (String topic :
        List.of(
            properties.chatTopic(),
            properties.jackpotTopic(),
            properties.leaderboardTopic(),
            properties.tablesTopic())) {
      for (PartitionInfo p : existing.getOrDefault(topic, List.of())) {
        TopicPartition tp = new TopicPartition(topic, p.partition());
        if (!assigned.contains(tp)) {
          fresh.add(tp);
        }
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    assigned.addAll(fresh);
    c.assign(assigned);
    Map<TopicPartition, Long> begin = c.beginningOffsets(fresh);
    Map<TopicPartition, Long> end = c.endOffsets(fresh);
    Map<TopicPartition, Long> start = new HashMap<>();
    for (TopicPartition tp : fresh) {
      long back =
          tp.topic().equals(properties.tablesTopic())
              ? Long.MAX_VALUE
              : tp.topic().equals(properties.chatTopic()) ? properties.chatHistory() : LAST_VALUES;
      long from =
          back == Long.MAX_VALUE ? begin.get(tp) : Math.max(begin.get(tp), end.get(tp) - back);
      start.put(tp, from);
      c.seek(tp, from);
    }
    log.info("realtime: reading {} from {}", fresh, start);
  }

  /**
   * The table list is the gateway's own compacted topic: created here when missing (the platform's
   * topic list does not have it yet). Best effort: without a broker the gateway still starts.
   */
  private void createTablesTopic(Properties common) {
    long waitMs = properties.sendTimeout().toMillis();
    Admin admin = Admin.create(common);
    try {
      if (admin
          .listTopics()
          .names()
          .get(waitMs, TimeUnit.MILLISECONDS)
          .contains(properties.tablesTopic())) {
        return;
      }
      NewTopic topic =
          new NewTopic(properties.tablesTopic(), Optional.of(1), Optional.empty())
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(topic)).all().get(waitMs, TimeUnit.MILLISECONDS);
      log.info("created the compacted topic {}", properties.tablesTopic());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        log.warn("could not create {}: {}", properties.tablesTopic(), e.toString());
      }
    } finally {
      // Without a broker a plain close() waits out the timed-out calls: about 50 s of startup.
      admin.close(Duration.ofSeconds(1));
    }
  }

  @Override
  public void start() {
    Properties common = new Properties();
    common.put("bootstrap.servers", properties.bootstrapServers());
    common.put("client.id", "gateway-realtime-" + UUID.randomUUID());
    createTablesTopic(common);

    Properties p = new Properties();
    p.putAll(common);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.sendTimeout().toMillis());
    producer = new KafkaProducer<>(p);

    Properties c = new Properties();
    c.putAll(common);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    consumer = new KafkaConsumer<>(c);
    for (AutoCloseable client : List.of(producer, consumer)) {
      KafkaClientMetrics m =
          client instanceof KafkaProducer<?, ?> kp
              ? new KafkaClientMetrics(kp)
              : new KafkaClientMetrics((KafkaConsumer<?, ?>) client);
      m.bindTo(meters);
      clientMetrics.add(m);
    }
    running = true;
    Thread t = Thread.ofPlatform().name("gateway-realtime").daemon().start(this::run);
    loop = t;
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, String> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = loop;
    if (t != null) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    KafkaProducer<String, String> p = producer;
    if (p != null) {
      p.close(Duration.ofSeconds(2));
    }
    producer = null;
    consumer = null;
    loop = null;
    clientMetrics.forEach(KafkaClientMetrics::close);
    clientMetrics.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
