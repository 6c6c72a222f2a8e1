package dev.croupier.devstack;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run as a
 * child JVM from the {@code org.apache.kafka:kafka_2.13} artifact on this module's classpath.
 */
public final class KafkaBroker implements AutoCloseable {
  private final String host;
  private final int port;
  private final ManagedProcess process;

  private KafkaBroker(String host, int port, ManagedProcess process) {
    this.host = host;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts a broker whose data lives in {@code dataDir} (kept across restarts), formats the storage
   * on first use, waits for the port and creates {@link Topics#ALL}.
   */
  public static KafkaBroker start(String host, int port, Path dataDir, Path logFile) {
    Ports.requireFree("Kafka", host, port, "CROUPIER_KAFKA_BOOTSTRAP");
    int controllerPort = Ports.freePort();
    try {
      Files.createDirectories(dataDir);
      Path logDirs = dataDir.resolve("data");
      Path config = dataDir.resolve("server.properties");
      writeConfig(config, host, port, controllerPort, logDirs);
      String classpath = System.getProperty("java.class.path");
      String java = ManagedProcess.currentJava();
      if (!Files.exists(logDirs.resolve("meta.properties"))) {
        format(java, classpath, config, dataDir, logFile);
      }
      ManagedProcess process =
          ManagedProcess.start(
              "kafka",
              List.of(
                  java,
                  "-Xms256m",
                  "-Xmx768m",
                  "-XX:+UseG1GC",
                  "-Djava.awt.headless=true",
                  "-cp",
                  classpath,
                  "kafka.Kafka",
                  config.toString()),
              dataDir,
              logFile,
              Map.of());
      KafkaBroker broker = new KafkaBroker(host, port, process);
      try {
        Ports.awaitOpen("Kafka", host, port, Duration.ofSeconds(60), process::isAlive);
        broker.createTopics();
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
      return broker;
    } catch (IOException e) {
      throw new DevStackException("Cannot prepare Kafka in %s: %s".formatted(dataDir, e), e);
    }
  }

  private static void writeConfig(
      Path config, String host, int port, int controllerPort, Path logDirs) throws IOException {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@%s:%d".formatted(host, controllerPort));
    p.setProperty(
        "listeners",
        "PLAINTEXT://%s:%d,CONTROLLER://%s:%d".formatted(host, port, host, controllerPort));
    p.setProperty("advertised.listeners", "PLAINTEXT://%s:%d".formatted(host, port));
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.setProperty("log.dirs", logDirs.toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "10");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("log.retention.hours", "168");
    try (Writer out = Files.newBufferedWriter(config)) {
      p.store(out, "Written by the Croupier dev stack; rewritten at every start.");
    }
  }

  private static void format(
      String java, String classpath, Path config, Path dataDir, Path logFile) {
    ManagedProcess format =
        ManagedProcess.start(
            "kafka-storage-format",
            List.of(
                java,
                "-cp",
                classpath,
                "kafka.tools.StorageTool",
                "format",
                "--ignore-formatted",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                config.toString()),
            dataDir,
            logFile,
            Map.of());
    try {
      if (!format.process().waitFor(60, TimeUnit.SECONDS) || format.process().exitValue() != 0) {
        throw new DevStackException("Formatting Kafka storage failed; see " + logFile);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("Interrupted while formatting Kafka storage", e);
    } finally {
      format.close();
    }
  }

  private void createTopics() {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      List<NewTopic> topics = new ArrayList<>();
      for (Topics.Topic topic : Topics.ALL) {
        NewTopic created = new NewTopic(topic.name(), topic.partitions(), (short) 1);
        if (topic.compacted()) {
          created.configs(Map.of("cleanup.policy", "compact"));
        }
        topics.add(created);
      }
      for (var result : admin.createTopics(topics).values().entrySet()) {
        try {
          result.getValue().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new DevStackException(
                "Cannot create Kafka topic %s: %s".formatted(result.getKey(), e.getCause()), e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("Interrupted while creating Kafka topics", e);
    } catch (TimeoutException e) {
      throw new DevStackException(
          "Kafka did not create its topics within 60s; see " + process.logFile(), e);
    }
  }

  public String bootstrapServers() {
    return host + ":" + port;
  }

  public int port() {
    return port;
  }

  public ManagedProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }
}
