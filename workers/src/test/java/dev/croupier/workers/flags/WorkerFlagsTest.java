package dev.croupier.workers.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.devstack.KafkaBroker;
import dev.croupier.flags.FlagState;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A worker node follows admin's flags topic and shows what it holds at {@code GET /flags}. */
@ExtendWith(KafkaExtension.class)
class WorkerFlagsTest {

  @Test
  void aWorkerNodeSeesAFlagChangeWithinTwoSeconds(KafkaBroker kafka) throws Exception {
    String topic = KafkaTopics.create(kafka.bootstrapServers(), "admin.flags", 1);
    WorkerFlags flags = new WorkerFlags(new FlagsProperties(topic, kafka.bootstrapServers()));
    flags.start();
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
      assertThat(flags.isOn("auto-spin")).isFalse();
      producer
          .send(
              new ProducerRecord<>(
                  topic, "auto-spin", new FlagState("auto-spin", true, 4, Instant.now()).toJson()))
          .get(10, TimeUnit.SECONDS);
      await().atMost(Duration.ofSeconds(2)).until(() -> flags.isOn("auto-spin"));
      Map<String, Map<String, Object>> shown = new FlagsController(flags).flags();
      assertThat(shown.get("auto-spin"))
          .containsEntry("enabled", true)
          .containsEntry("version", 4L);
    } finally {
      flags.stop();
    }
  }
}
