package dev.croupier.gateway.ws;

import dev.croupier.testsupport.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the poker tables' outbox ({@code game.table_event_outbox}, written by the real table
 * event activity) to Kafka as the workers' {@code TableEventRelay} does: oldest rows first, keyed
 * by table id, deleted once the broker acknowledged them. The gateway cannot link the workers app,
 * so its tests run this stand-in of the relay's loop.
 */
final class TestTableRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TestTableRelay.class);

  private final PostgresDatabase db;
  private final KafkaProducer<String, String> producer;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());

  TestTableRelay(PostgresDatabase db, String bootstrapServers) {
    this.db = db;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer = new KafkaProducer<>(p);
    loop.scheduleWithFixedDelay(this::drain, 0, 100, TimeUnit.MILLISECONDS);
  }

  private void drain() {
    try {
      while (publishBatch() > 0) {
        log.trace("relayed a batch of table events");
      }
    } catch (Exception e) {
      log.warn("test table relay: {}", e.toString());
    }
  }

  private int publishBatch() throws Exception {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      List<Long> ids = new ArrayList<>();
      List<Future<?>> sent = new ArrayList<>();
      try (PreparedStatement s =
              c.prepareStatement(
                  "select id, table_id, topic, payload from game.table_event_outbox"
                      + " order by id limit 200 for update");
          ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
          sent.add(
              producer.send(
                  new ProducerRecord<>(rs.getString(3), rs.getString(2), rs.getString(4))));
        }
      }
      if (ids.isEmpty()) {
        c.rollback();
        return 0;
      }
      producer.flush();
      for (Future<?> f : sent) {
        f.get(30, TimeUnit.SECONDS);
      }
      try (PreparedStatement d =
          c.prepareStatement("delete from game.table_event_outbox where id = any (?)")) {
        d.setArray(1, c.createArrayOf("bigint", ids.toArray()));
        d.executeUpdate();
      }
      c.commit();
      return ids.size();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(2));
  }
}
