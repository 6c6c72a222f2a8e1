package dev.croupier.topology.kafka;

import dev.croupier.devstack.DevStackException;
import dev.croupier.devstack.ManagedProcess;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.Topics;
import dev.croupier.topology.TopologyException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Three KRaft Kafka nodes, each broker and controller (a three-voter quorum), run as child JVMs
 * from the same {@code org.apache.kafka:kafka_2.13} artifact as the dev stack's broker. The
 * platform's topics ({@link Topics#ALL}) are created with replication factor 3 and {@code
 * min.insync.replicas=2}, so one broker can be lost without losing an acknowledged record (the
 * apps' producers use {@code acks=all}, the client default) or stopping writes. Data is kept in
 * {@code dir} across restarts.
 */
public final class KafkaCluster implements AutoCloseable {
  public static final int NODES = 3;
  private static final Duration START = Duration.ofSeconds(120);

  private final String host;
  private final List<Integer> ports;
  private final List<Integer> controllerPorts;
  private final Path dir;
  private final List<ManagedProcess> brokers =
      Collections.synchronizedList(new ArrayList<>(Collections.nCopies(NODES, null)));

  private KafkaCluster(String host, List<Integer> ports, List<Integer> controllerPorts, Path dir) {
    this.host = host;
    this.ports = ports;
    this.controllerPorts = controllerPorts;
    this.dir = dir;
  }

  /** The topology's fixed ports: brokers on 15092-15094, controllers on 15192-15194. */
  public static KafkaCluster start(Path dir) {
    return start(
        Ports.LOOPBACK, List.of(15092, 15093, 15094), List.of(15192, 15193, 15194), dir, s -> {});
  }

  /** Starts the three nodes (formatting their storage on first use) and creates the topics. */
  public static KafkaCluster start(
      String host,
      List<Integer> ports,
      List<Integer> controllerPorts,
      Path dir,
      java.util.function.Consumer<String> progress) {
    if (ports.size() != NODES || controllerPorts.size() != NODES) {
      throw new IllegalArgumentException("three broker and three controller ports");
    }
    for (int port : concat(ports, controllerPorts)) {
      if (Ports.isOpen(host, port)) {
        throw new TopologyException(
            "Kafka: port %s:%d is taken by another process; stop it first.".formatted(host, port));
      }
    }
    KafkaCluster cluster = new KafkaCluster(host, ports, controllerPorts, dir);
    try {
      String clusterId = cluster.clusterId();
      for (int i = 0; i < NODES; i++) {
        cluster.writeConfig(i);
        cluster.format(i, clusterId);
      }
      for (int i = 0; i < NODES; i++) {
        cluster.launch(i);
      }
      for (int i = 0; i < NODES; i++) {
        cluster.awaitBroker(i);
      }
      progress.accept("  Kafka: three brokers up, creating the topics (replicas 3, min ISR 2)");
      cluster.createTopics();
      return cluster;
    } catch (IOException e) {
      cluster.close();
      throw new TopologyException("Kafka: cannot prepare " + dir + ": " + e, e);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static List<Integer> concat(List<Integer> a, List<Integer> b) {
    List<Integer> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private String clusterId() throws IOException {
    Path file = dir.resolve("cluster.id");
    Files.createDirectories(dir);
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    String id = Uuid.randomUuid().toString();
    Files.writeString(file, id + "\n");
    return id;
  }

  private Path nodeDir(int i) {
    return dir.resolve("broker-" + (i + 1));
  }

  /** The broker's log: {@code <dir>/broker-<n>/kafka.log}. */
  public Path logFile(int i) {
    return nodeDir(i).resolve("kafka.log");
  }

  private void writeConfig(int i) throws IOException {
    Files.createDirectories(nodeDir(i));
    String voters =
        java.util.stream.IntStream.range(0, NODES)
            .mapToObj(n -> "%d@%s:%d".formatted(n + 1, host, controllerPorts.get(n)))
            .collect(Collectors.joining(","));
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", String.valueOf(i + 1));
    p.setProperty("controller.quorum.voters", voters);
    p.setProperty(
        "listeners",
        "PLAINTEXT://%s:%d,CONTROLLER://%s:%d"
            .formatted(host, ports.get(i), host, controllerPorts.get(i)));
    p.setProperty("advertised.listeners", "PLAINTEXT://%s:%d".formatted(host, ports.get(i)));
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.setProperty("log.dirs", nodeDir(i).resolve("data").toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("default.replication.factor", "3");
    p.setProperty("min.insync.replicas", "2");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("unclean.leader.election.enable", "false");
    p.setProperty("offsets.topic.replication.factor", "3");
    p.setProperty("offsets.topic.num.partitions", "10");
    p.setProperty("transaction.state.log.replication.factor", "3");
    p.setProperty("transaction.state.log.min.isr", "2");
    p.setProperty("share.coordinator.state.topic.replication.factor", "3");
    p.setProperty("share.coordinator.state.topic.min.isr", "2");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("log.retention.hours", "168");
    try (Writer out = Files.newBufferedWriter(nodeDir(i).resolve("server.properties"))) {
      p.store(out, "Written by the Croupier topology; rewritten at every start.");
    }
  }

  private void format(int i, String clusterId) {
    if (Files.exists(nodeDir(i).resolve("data/meta.properties"))) {
      return;
    }
    ManagedProcess format =
        ManagedProcess.start(
            "kafka-storage-format-" + (i + 1),
            List.of(
                ManagedProcess.currentJava(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                "kafka.tools.StorageTool",
                "format",
                "--ignore-formatted",
                "-t",
                clusterId,
                "-c",
                nodeDir(i).resolve("server.properties").toString()),
            nodeDir(i),
            logFile(i),
            Map.of());
    try {
      if (!format.process().waitFor(120, TimeUnit.SECONDS) || format.process().exitValue() != 0) {
        throw new TopologyException(
            "Kafka broker %d: formatting its storage failed; see %s".formatted(i + 1, logFile(i)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopologyException("Kafka: interrupted while formatting storage", e);
    } finally {
      format.close();
    }
  }

  private void launch(int i) {
    brokers.set(
        i,
        ManagedProcess.start(
            "kafka-" + (i + 1),
            List.of(
                ManagedProcess.currentJava(),
                "-Xms128m",
                "-Xmx384m",
                "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                "kafka.Kafka",
                nodeDir(i).resolve("server.properties").toString()),
            nodeDir(i),
            logFile(i),
            Map.of()));
  }

  private void awaitBroker(int i) {
    ManagedProcess broker = brokers.get(i);
    try {
      Ports.awaitOpen("Kafka broker " + (i + 1), host, ports.get(i), START, broker::isAlive);
    } catch (DevStackException e) {
      throw new TopologyException(
          "Kafka broker %d did not start on %s:%d; see %s"
              .formatted(i + 1, host, ports.get(i), logFile(i)),
          e);
    }
  }

  private void createTopics() {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      List<NewTopic> topics = new ArrayList<>();
      for (Topics.Topic topic : Topics.ALL) {
        NewTopic created = new NewTopic(topic.name(), topic.partitions(), (short) NODES);
        created.configs(
            topic.compacted()
                ? Map.of("cleanup.policy", "compact", "min.insync.replicas", "2")
                : Map.of("min.insync.replicas", "2"));
        topics.add(created);
      }
      for (var result : admin.createTopics(topics).values().entrySet()) {
        try {
          result.getValue().get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new TopologyException(
                "Kafka: cannot create topic %s: %s; see %s"
                    .formatted(result.getKey(), e.getCause(), logFile(0)),
                e);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopologyException("Kafka: interrupted while creating topics", e);
    } catch (TimeoutException e) {
      throw new TopologyException(
          "Kafka did not create its topics within 120s; see " + logFile(0), e);
    }
  }

  /** All three brokers, comma-separated, as clients take them. */
  public String bootstrapServers() {
    return java.util.stream.IntStream.range(0, NODES)
        .mapToObj(i -> host + ":" + ports.get(i))
        .collect(Collectors.joining(","));
  }

  /** Broker {@code i} (0-2), or null while it is down. */
  public ManagedProcess broker(int i) {
    return brokers.get(i);
  }

  /** SIGKILLs broker {@code i} and its JVM: a crash, not a clean shutdown. */
  public void kill(int i) {
    ManagedProcess broker = brokers.get(i);
    if (broker != null) {
      broker.process().destroyForcibly();
      try {
        broker.process().waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts broker {@code i} again on its kept data, and waits until it listens. */
  public void restart(int i) {
    ManagedProcess old = brokers.get(i);
    if (old != null && old.isAlive()) {
      throw new IllegalStateException("broker " + (i + 1) + " is running");
    }
    Ports.awaitClosed(host, ports.get(i), Duration.ofSeconds(60));
    launch(i);
    awaitBroker(i);
  }

  @Override
  public void close() {
    for (int i = NODES - 1; i >= 0; i--) {
      ManagedProcess broker = brokers.get(i);
      if (broker != null) {
        broker.close();
      }
    }
  }
}
