package dev.croupier.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one outbox to Kafka, oldest row first, and deletes the rows once Kafka has acknowledged
 * them. One relay per outbox leads at a time ({@link Leadership}, on the store's lock), so rows go
 * out in outbox order, and the idempotent producer (acks=all, at most 5 in flight) keeps that order
 * per partition: everything with one key stays in order.
 *
 * <p>While Kafka is down, the context goes on filling its outbox; the producer keeps retrying for
 * {@code deliveryTimeout}, then the relay sends the same rows again. Delivery is at least once: a
 * row is deleted only after its acknowledgement, so a relay that dies between the two sends those
 * rows again, and consumers deduplicate by the id each record carries (an entry id, a table's
 * {@code (tableId, seq)}).
 *
 * <p>Its meters, tagged {@code outbox=<name>}: {@code croupier.outbox.published} and {@code
 * croupier.outbox.publish.failures} (rounds that Kafka refused or did not acknowledge), {@code
 * croupier.outbox.depth} and {@code croupier.outbox.oldest.age} (seconds), sampled every 5 s by
 * every relay of the outbox whether it leads or not, and {@code croupier.outbox.leading}; plus the
 * producer's own Kafka client meters. A row that carries a {@code traceparent} ({@link
 * OutboxTracing}) is sent in a producer span that is its child.
 */
public final class OutboxRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration BACKOFF = Duration.ofSeconds(1);
  private static final Duration BACKLOG_EVERY = Duration.ofSeconds(5);

  /**
   * Where a relay's meters and spans go.
   *
   * @param registry the app's meter registry
   * @param openTelemetry the app's tracing SDK
   */
  public record Telemetry(MeterRegistry registry, OpenTelemetry openTelemetry) {
    public Telemetry {
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(openTelemetry, "openTelemetry");
    }

    /** Meters nobody reads and no spans. */
    public static Telemetry off() {
      return new Telemetry(new CompositeMeterRegistry(), OpenTelemetry.noop());
    }
  }

  /**
   * The relay's settings.
   *
   * @param name what the relay publishes, for its thread, client id and log lines (for example
   *     {@code wallet-outbox})
   * @param bootstrapServers Kafka brokers
   * @param batchSize rows read and published per round
   * @param pollInterval how long the relay waits when the outbox is empty ({@link #wakeUp} ends the
   *     wait early)
   * @param deliveryTimeout how long the producer keeps retrying a record while Kafka is down
   */
  public record Settings(
      String name,
      String bootstrapServers,
      int batchSize,
      Duration pollInterval,
      Duration deliveryTimeout) {
    public Settings {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be at least 1");
      }
    }
  }

  private final DataSource dataSource;
  private final OutboxStore store;
  private final Settings settings;
  private final Producer<String, byte[]> producer;
  private final Leadership leadership;
  private final AtomicLong published = new AtomicLong();
  private final Counter publishedCounter;
  private final Counter failures;
  private final Tracer tracer;
  private final KafkaClientMetrics producerMetrics;
  private volatile double depth = Double.NaN;
  private volatile double oldestAgeSeconds = Double.NaN;
  private volatile boolean running;
  private volatile Thread thread;
  private ScheduledExecutorService backlogSampler;

  public OutboxRelay(DataSource dataSource, OutboxStore store, Settings settings) {
    this(dataSource, store, settings, Telemetry.off());
  }

  /** A relay whose meters and spans go to {@code telemetry}. */
  public OutboxRelay(
      DataSource dataSource, OutboxStore store, Settings settings, Telemetry telemetry) {
    this(dataSource, store, settings, new KafkaProducer<>(producerConfig(settings)), telemetry);
  }

  /** With a producer of the caller's, for tests that stand in for Kafka's answers. */
  public OutboxRelay(
      DataSource dataSource,
      OutboxStore store,
      Settings settings,
      Producer<String, byte[]> producer) {
    this(dataSource, store, settings, producer, Telemetry.off());
  }

  /** With a producer of the caller's and its telemetry. */
  public OutboxRelay(
      DataSource dataSource,
      OutboxStore store,
      Settings settings,
      Producer<String, byte[]> producer,
      Telemetry telemetry) {
    this.dataSource = dataSource;
    this.store = store;
    this.settings = settings;
    this.producer = producer;
    this.leadership = new Leadership(dataSource, store.leadershipLock());
    MeterRegistry registry = telemetry.registry();
    String outbox = settings.name();
    this.publishedCounter =
        Counter.builder("croupier.outbox.published")
            .description("Outbox rows published to Kafka and acknowledged")
            .tag("outbox", outbox)
            .register(registry);
    this.failures =
        Counter.builder("croupier.outbox.publish.failures")
            .description("Publishing rounds that Kafka refused or did not acknowledge in time")
            .tag("outbox", outbox)
            .register(registry);
    Gauge.builder("croupier.outbox.depth", this, r -> r.depth)
        .description("Rows waiting in the outbox (counted up to the store's cap)")
        .tag("outbox", outbox)
        .register(registry);
    Gauge.builder("croupier.outbox.oldest.age", this, r -> r.oldestAgeSeconds)
        .description("Age of the oldest row waiting in the outbox, 0 when empty")
        .tag("outbox", outbox)
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("croupier.outbox.leading", leadership, l -> l.holding() ? 1 : 0)
        .description("1 while this process's relay leads the outbox")
        .tag("outbox", outbox)
        .register(registry);
    this.producerMetrics = new KafkaClientMetrics(producer);
    producerMetrics.bindTo(registry);
    this.tracer = telemetry.openTelemetry().getTracer("dev.croupier.outbox");
  }

  static Map<String, Object> producerConfig(Settings s) {
    long delivery = s.deliveryTimeout().toMillis();
    return Map.ofEntries(
        Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers()),
        Map.entry(ProducerConfig.CLIENT_ID_CONFIG, s.name() + "-relay"),
        Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
        Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
        Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
        Map.entry(ProducerConfig.LINGER_MS_CONFIG, 5),
        Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(delivery, 10_000)),
        Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery),
        Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, delivery),
        Map.entry(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000),
        Map.entry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class),
        Map.entry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    Thread t = new Thread(this::loop, settings.name() + "-relay");
    t.setDaemon(true);
    thread = t;
    t.start();
    backlogSampler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name(settings.name() + "-backlog").daemon().factory());
    backlogSampler.scheduleWithFixedDelay(
        this::sampleBacklog, 0, BACKLOG_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads the outbox's depth and oldest row on a pooled connection; NaN while that fails. */
  void sampleBacklog() {
    try (Connection c = dataSource.getConnection()) {
      Backlog b = store.backlog(c);
      depth = b.rows();
      oldestAgeSeconds =
          b.oldest() == null
              ? 0
              : Math.max(0, Duration.between(b.oldest(), Instant.now()).toMillis() / 1000.0);
    } catch (SQLException | RuntimeException e) {
      depth = Double.NaN;
      oldestAgeSeconds = Double.NaN;
      log.debug("{}: cannot read the outbox backlog: {}", settings.name(), e.toString());
    }
  }

  /** Tells the relay there is something to publish; called after commits. */
  public void wakeUp() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Rows published and acknowledged since start. */
  public long published() {
    return published.get();
  }

  /** Whether this relay holds its outbox's lead now. */
  public boolean leading() {
    return leadership.lead();
  }

  /**
   * One round, as the relay's thread runs it: when this relay leads, publishes the oldest batch and
   * deletes it.
   *
   * @return the rows published; 0 when the outbox is empty or another relay leads
   * @throws ExecutionException when Kafka refused or did not acknowledge a record: nothing of the
   *     batch was deleted, and the next round sends it again
   */
  public int publishBatch() throws ExecutionException, InterruptedException {
    return leadership.lead() ? publishLeading() : 0;
  }

  private int publishLeading() throws ExecutionException, InterruptedException {
    List<OutboxRecord> rows = store.next(leadership.connection(), settings.batchSize());
    if (rows.isEmpty()) {
      return 0;
    }
    try {
      publish(rows);
    } catch (ExecutionException | RuntimeException e) {
      failures.increment();
      throw e;
    }
    store.delete(leadership.connection(), rows.stream().map(OutboxRecord::id).toList());
    published.addAndGet(rows.size());
    publishedCounter.increment(rows.size());
    return rows.size();
  }

  private void loop() {
    while (running) {
      try {
        // Holding the lock is checked on the database only when the relay does not lead yet: a
        // lost connection shows as a failed round, which gives the lead up.
        if (!leadership.holding() && !leadership.lead()) {
          pause(settings.pollInterval().multipliedBy(20));
          continue;
        }
        if (publishLeading() == 0) {
          pause(settings.pollInterval());
        }
      } catch (ExecutionException | KafkaException e) {
        log.warn("{}: publishing failed, will send again: {}", settings.name(), e.toString());
        pause(BACKOFF);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("{}: relay round failed: {}", settings.name(), e.toString());
        leadership.release();
        pause(BACKOFF);
      }
    }
  }

  private void publish(List<OutboxRecord> rows) throws ExecutionException, InterruptedException {
    List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
    List<Span> spans = new ArrayList<>(rows.size());
    for (OutboxRecord row : rows) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(row.topic(), row.key(), row.value());
      Span span = publishSpan(row);
      spans.add(span);
      row.headers()
          .forEach(
              (k, v) -> {
                String value =
                    span != null && k.equals(OutboxTracing.HEADER)
                        ? OutboxTracing.traceParent(span.getSpanContext())
                        : v;
                record.headers().add(k, value.getBytes(StandardCharsets.UTF_8));
              });
      sent.add(producer.send(record));
    }
    producer.flush();
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (ExecutionException | RuntimeException e) {
      spans.forEach(s -> endSpan(s, e));
      throw e;
    }
    spans.forEach(s -> endSpan(s, null));
  }

  /** A producer span under the row's stored trace context, or null when the row was not traced. */
  private Span publishSpan(OutboxRecord row) {
    Context parent = OutboxTracing.parent(row.headers().get(OutboxTracing.HEADER));
    if (!Span.fromContext(parent).getSpanContext().isSampled()) {
      return null;
    }
    return tracer
        .spanBuilder(row.topic() + " publish")
        .setParent(parent)
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.destination.name", row.topic())
        .setAttribute("croupier.outbox", settings.name())
        .startSpan();
  }

  private static void endSpan(Span span, Throwable failure) {
    if (span == null) {
      return;
    }
    if (failure != null) {
      span.setStatus(StatusCode.ERROR, failure.toString());
    }
    span.end();
  }

  private void pause(Duration d) {
    LockSupport.parkNanos(d.toNanos());
  }

  @Override
  public void close() {
    running = false;
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
      try {
        t.join(TimeUnit.SECONDS.toMillis(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (backlogSampler != null) {
      backlogSampler.shutdownNow();
    }
    producer.close(Duration.ofSeconds(5));
    producerMetrics.close();
    leadership.release();
  }
}
