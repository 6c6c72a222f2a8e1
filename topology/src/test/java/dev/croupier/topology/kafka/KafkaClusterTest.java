package dev.croupier.topology.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.croupier.devstack.Ports;
import dev.croupier.devstack.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real KRaft brokers: the topics are replicated three times and survive one broker. */
class KafkaClusterTest {
  @TempDir Path dir;

  @Test
  void topicsHaveThreeReplicasAndAcceptWritesWithOneBrokerKilled() throws Exception {
    try (KafkaCluster cluster =
        KafkaCluster.start(
            Ports.LOOPBACK,
            List.of(Ports.freePort(), Ports.freePort(), Ports.freePort()),
            List.of(Ports.freePort(), Ports.freePort(), Ports.freePort()),
            dir,
            s -> {})) {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
        Map<String, TopicDescription> topics =
            admin
                .describeTopics(Topics.ALL.stream().map(Topics.Topic::name).toList())
                .allTopicNames()
                .get(60, TimeUnit.SECONDS);
        assertThat(topics).hasSize(Topics.ALL.size());
        topics
            .values()
            .forEach(
                t ->
                    assertThat(t.partitions())
                        .allSatisfy(p -> assertThat(p.replicas()).hasSize(3)));
        ConfigResource entries =
            new ConfigResource(ConfigResource.Type.TOPIC, Topics.WALLET_ENTRIES.name());
        assertThat(
                admin
                    .describeConfigs(List.of(entries))
                    .all()
                    .get(60, TimeUnit.SECONDS)
                    .get(entries)
                    .get("min.insync.replicas")
                    .value())
            .isEqualTo("2");
      }

      cluster.kill(1);
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
        var sent =
            producer
                .send(new ProducerRecord<>(Topics.WALLET_ENTRIES.name(), "account-1", "entry"))
                .get(120, TimeUnit.SECONDS);
        assertThat(sent.offset()).isGreaterThanOrEqualTo(0);
      }
      assertThat(cluster.broker(1).isAlive()).isFalse();
      cluster.restart(1);
      assertThat(cluster.broker(1).isAlive()).isTrue();
    }
  }
}
