package dev.croupier.wallet.outbox;

import dev.croupier.wallet.api.WalletEntryEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
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
 * Publishes outbox rows to {@code wallet.entries}, oldest first, and deletes them once Kafka has
 * acknowledged them. One relay leads at a time (a PostgreSQL advisory lock held on its connection),
 * so rows go out in outbox order, and the idempotent producer (acks=all, at most 5 in flight) keeps
 * that order per partition; the key is the account, so each account's entries stay in order.
 *
 * <p>While Kafka is down, posts go on filling the outbox; the producer keeps retrying for {@code
 * deliveryTimeout}, then the relay sends the same rows again. Delivery is at least once: a row is
 * deleted only after its acknowledgement, and consumers deduplicate by entry ID.
 */
public final class OutboxRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final Duration BACKOFF = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final OutboxSettings settings;
  private final Producer<String, byte[]> producer;
  private final OutboxRepository repository = new OutboxRepository();
  private final AtomicLong published = new AtomicLong();
  private volatile boolean running;
  private volatile Thread thread;
  private Connection connection;

  public OutboxRelay(DataSource dataSource, OutboxSettings settings) {
    this(dataSource, settings, new KafkaProducer<>(producerConfig(settings)));
  }

  OutboxRelay(DataSource dataSource, OutboxSettings settings, Producer<String, byte[]> producer) {
    this.dataSource = dataSource;
    this.settings = settings;
    this.producer = producer;
  }

  static Map<String, Object> producerConfig(OutboxSettings s) {
    long delivery = s.deliveryTimeout().toMillis();
    return Map.ofEntries(
        Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers()),
        Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "wallet-outbox-relay"),
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
    Thread t = new Thread(this::loop, "wallet-outbox-relay");
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  /** Tells the relay there is something to publish; called after commits. */
  public void wakeUp() {
    Thread t = thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Entries published and acknowledged since start. */
  public long published() {
    return published.get();
  }

  private void loop() {
    while (running) {
      try {
        if (!lead()) {
          pause(settings.pollInterval().multipliedBy(20));
          continue;
        }
        List<OutboxRepository.Row> rows = repository.next(connection, settings.batchSize());
        if (rows.isEmpty()) {
          pause(settings.pollInterval());
          continue;
        }
        publish(rows);
        repository.delete(connection, rows.stream().map(OutboxRepository.Row::outboxId).toList());
        published.addAndGet(rows.size());
      } catch (ExecutionException | KafkaException e) {
        log.warn("Publishing to {} failed, will send again: {}", settings.topic(), e.toString());
        pause(BACKOFF);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("Outbox relay round failed: {}", e.toString());
        dropConnection();
        pause(BACKOFF);
      }
    }
  }

  private void publish(List<OutboxRepository.Row> rows)
      throws ExecutionException, InterruptedException {
    List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
    for (OutboxRepository.Row row : rows) {
      WalletEntryEvent e = row.event();
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(settings.topic(), Long.toString(e.accountId()), e.encode());
      record
          .headers()
          .add(
              WalletEntryEvent.SCHEMA_VERSION_HEADER,
              Integer.toString(e.schemaVersion()).getBytes(StandardCharsets.US_ASCII));
      sent.add(producer.send(record));
    }
    producer.flush();
    for (Future<RecordMetadata> f : sent) {
      f.get();
    }
  }

  private boolean lead() {
    if (connection != null) {
      return true;
    }
    try {
      Connection c = dataSource.getConnection();
      c.setAutoCommit(true);
      if (repository.tryLead(c)) {
        connection = c;
        log.info("Outbox relay is leading");
        return true;
      }
      c.close();
    } catch (SQLException | RuntimeException e) {
      log.warn("Outbox relay cannot reach the database: {}", e.toString());
    }
    return false;
  }

  private void dropConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.debug("closing the relay connection: {}", e.toString());
      }
      connection = null;
    }
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
    producer.close(Duration.ofSeconds(5));
    dropConnection();
  }
}
