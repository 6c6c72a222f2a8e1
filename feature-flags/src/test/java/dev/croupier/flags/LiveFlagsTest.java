package dev.croupier.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.croupier.devstack.KafkaBroker;
import dev.croupier.testsupport.KafkaExtension;
import dev.croupier.testsupport.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The reader against a real KRaft broker: what a node believes about each flag, and when. */
@ExtendWith(KafkaExtension.class)
class LiveFlagsTest {

  @Test
  void aNodeStartsFromTheLatestValueOfEachFlagThenFollowsChanges(KafkaBroker kafka) {
    String topic = KafkaTopics.create(kafka.bootstrapServers(), "admin.flags", 1);
    try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
      send(producer, topic, new FlagState("auto-spin", true, 1, Instant.now()));
      send(producer, topic, new FlagState("auto-spin", false, 2, Instant.now()));
      send(producer, topic, new FlagState("chat", true, 1, Instant.now()));

      try (LiveFlags flags = flags(kafka, topic, Map.of("auto-spin", true, "unseen", true))) {
        assertThat(flags.isOn("unseen")).as("a default before any record").isTrue();
        flags.start();
        await().atMost(Duration.ofSeconds(20)).until(flags::caughtUp);
        assertThat(flags.isOn("auto-spin")).as("the latest of two records").isFalse();
        assertThat(flags.isOn("chat")).isTrue();
        assertThat(flags.isOn("unseen")).as("the default still stands").isTrue();
        assertThat(flags.isOn("nobody-knows")).as("an unknown flag is off").isFalse();

        List<FlagState> seen = new CopyOnWriteArrayList<>();
        flags.onChange(seen::add);
        send(producer, topic, new FlagState("auto-spin", true, 3, Instant.now()));
        await().atMost(Duration.ofSeconds(2)).until(() -> flags.isOn("auto-spin"));
        assertThat(seen).extracting(FlagState::version).containsExactly(3L);
      }
    }
  }

  @Test
  void aStaleOrMalformedRecordChangesNothing(KafkaBroker kafka) {
    String topic = KafkaTopics.create(kafka.bootstrapServers(), "admin.flags", 1);
    try (KafkaProducer<String, byte[]> producer = producer(kafka);
        LiveFlags flags = flags(kafka, topic, Map.of())) {
      flags.start();
      send(producer, topic, new FlagState("auto-spin", true, 5, Instant.now()));
      await().atMost(Duration.ofSeconds(20)).until(() -> flags.isOn("auto-spin"));

      // An older version arrives late (a redelivered batch), then things that are not flags.
      send(producer, topic, new FlagState("auto-spin", false, 4, Instant.now()));
      producer.send(new ProducerRecord<>(topic, "auto-spin", bytes("{not json")));
      producer.send(new ProducerRecord<>(topic, "auto-spin", bytes("{\"key\":\"auto-spin\"}")));
      producer.send(
          new ProducerRecord<>(
              topic,
              "x",
              bytes(
                  "{\"key\":\"BAD KEY\",\"enabled\":false,\"version\":9,\"updatedAt\":\""
                      + Instant.now()
                      + "\"}")));
      producer.flush();

      await().atMost(Duration.ofSeconds(20)).until(() -> flags.malformed() == 3);
      assertThat(flags.isOn("auto-spin")).as("version 4 is older than 5").isTrue();
      assertThat(flags.read().get("auto-spin").version()).isEqualTo(5);
      assertThat(flags.applied()).isEqualTo(1);
    }
  }

  @Test
  void aTopicThatDoesNotExistYetIsWaitedFor(KafkaBroker kafka) {
    String topic = "admin.flags.later." + System.nanoTime();
    try (LiveFlags flags = flags(kafka, topic, Map.of())) {
      flags.start();
      assertThat(flags.caughtUp()).isFalse();
      KafkaTopics.createNamed(kafka.bootstrapServers(), topic, 1);
      try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
        send(producer, topic, new FlagState("auto-spin", true, 1, Instant.now()));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> flags.isOn("auto-spin"));
      assertThat(flags.caughtUp()).isTrue();
    }
  }

  @Test
  void theRecordFormatRoundTripsAndRefusesWhatIsNotAFlag() {
    FlagState state = new FlagState("auto-spin", true, 7, Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(state.toJson())
        .isEqualTo(
            "{\"key\":\"auto-spin\",\"enabled\":true,\"version\":7,"
                + "\"updatedAt\":\"2026-12-07T10:00:00Z\"}");
    assertThat(FlagState.fromJson(state.toJson())).isEqualTo(state);
    for (String bad :
        List.of(
            "[]",
            "{\"key\":\"a\",\"enabled\":true,\"version\":1,\"updatedAt\":\"2026-12-07T10:00:00Z\"}",
            "{\"key\":\"auto-spin\",\"enabled\":\"yes\",\"version\":1,\"updatedAt\":\"x\"}",
            "{\"key\":\"auto-spin\",\"enabled\":true,\"version\":0,"
                + "\"updatedAt\":\"2026-12-07T10:00:00Z\"}",
            "{\"key\":\"auto-spin\",\"enabled\":true,\"version\":1,\"updatedAt\":\"yesterday\"}")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlagState.fromJson(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static LiveFlags flags(KafkaBroker kafka, String topic, Map<String, Boolean> defaults) {
    return new LiveFlags(
        new LiveFlags.Settings(kafka.bootstrapServers(), topic, defaults, "live-flags-test"));
  }

  private static KafkaProducer<String, byte[]> producer(KafkaBroker kafka) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
            StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
            ByteArraySerializer.class));
  }

  private static void send(KafkaProducer<String, byte[]> producer, String topic, FlagState s) {
    producer.send(new ProducerRecord<>(topic, s.key(), bytes(s.toJson())));
    producer.flush();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
