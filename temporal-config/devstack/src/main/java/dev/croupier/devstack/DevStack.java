package dev.croupier.devstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The dev services, started in dependency order: PostgreSQL is checked (and its database created),
 * then the Temporal service and the Kafka broker are started as child processes. Either of those
 * can instead be external (a real cluster): it is then only checked. State lives under {@code home}
 * (the git-ignored {@code .croupier/} folder), so it survives a restart.
 */
public final class DevStack implements AutoCloseable {
  private final Config config;
  private final TemporalServer temporal;
  private final KafkaBroker kafka;

  private DevStack(Config config, TemporalServer temporal, KafkaBroker kafka) {
    this.config = config;
    this.temporal = temporal;
    this.kafka = kafka;
  }

  /**
   * Everything the dev stack needs to know; every address can be changed by environment: {@code
   * CROUPIER_DB_*}, {@code CROUPIER_TEMPORAL_TARGET}, {@code CROUPIER_KAFKA_BOOTSTRAP}, and {@code
   * CROUPIER_EMBEDDED} (which services to run here; default {@code temporal,kafka}; {@code
   * prometheus} adds Prometheus, which the launcher starts after the apps it scrapes, on {@code
   * CROUPIER_PROMETHEUS_PORT}, default 9089).
   */
  public record Config(
      Path home,
      PostgresSettings postgres,
      TemporalSettings temporal,
      String kafkaBootstrap,
      boolean embeddedTemporal,
      boolean embeddedKafka,
      boolean embeddedPrometheus,
      int prometheusPort) {

    public static Config fromEnvironment(Path home) {
      return from(home, System.getenv());
    }

    public static Config from(Path home, Map<String, String> env) {
      Set<String> embedded =
          Arrays.stream(env.getOrDefault("CROUPIER_EMBEDDED", "temporal,kafka").split(","))
              .map(String::trim)
              .collect(Collectors.toSet());
      return new Config(
          home,
          PostgresSettings.from(env),
          TemporalSettings.from(env),
          env.getOrDefault("CROUPIER_KAFKA_BOOTSTRAP", Ports.LOOPBACK + ":9092"),
          embedded.contains("temporal"),
          embedded.contains("kafka"),
          embedded.contains("prometheus"),
          Integer.parseInt(env.getOrDefault("CROUPIER_PROMETHEUS_PORT", "9089")));
    }

    public Path logs() {
      return home.resolve("logs");
    }

    String kafkaHost() {
      return kafkaBootstrap.substring(0, kafkaBootstrap.lastIndexOf(':'));
    }

    int kafkaPort() {
      return Integer.parseInt(kafkaBootstrap.substring(kafkaBootstrap.lastIndexOf(':') + 1));
    }
  }

  /** Starts the services; on failure, whatever was started is stopped again before rethrowing. */
  public static DevStack start(Config config, Consumer<String> progress) {
    progress.accept("Checking PostgreSQL at " + config.postgres().url());
    Postgres.ensureDatabase(config.postgres());
    // Cheap checks first, so a taken port or a dead cluster costs no build or start time.
    TemporalSettings t = config.temporal();
    if (config.embeddedTemporal()) {
      Ports.requireFree("Temporal", t.host(), t.port(), "CROUPIER_TEMPORAL_TARGET");
    } else {
      requireTemporalReachable(t);
    }
    if (config.embeddedKafka()) {
      Ports.requireFree(
          "Kafka", config.kafkaHost(), config.kafkaPort(), "CROUPIER_KAFKA_BOOTSTRAP");
    } else {
      requireKafkaReachable(config.kafkaBootstrap());
    }

    TemporalServer temporal = null;
    if (config.embeddedTemporal()) {
      progress.accept("Starting Temporal on " + t.target());
      temporal =
          TemporalServer.start(
              t,
              config.home().resolve("temporal"),
              config.logs().resolve("temporal.log"),
              progress);
    }
    try {
      KafkaBroker kafka = null;
      if (config.embeddedKafka()) {
        progress.accept("Starting Kafka (KRaft) on " + config.kafkaBootstrap());
        kafka =
            KafkaBroker.start(
                config.kafkaHost(),
                config.kafkaPort(),
                config.home().resolve("kafka"),
                config.logs().resolve("kafka.log"));
      }
      return new DevStack(config, temporal, kafka);
    } catch (RuntimeException e) {
      if (temporal != null) {
        temporal.close();
      }
      throw e;
    }
  }

  private static void requireTemporalReachable(TemporalSettings t) {
    if (!Ports.isOpen(t.host(), t.port())) {
      throw new DevStackException(
          "Temporal is not reachable at %s. Start your Temporal cluster, or let the launcher run one (CROUPIER_EMBEDDED=temporal,kafka)."
              .formatted(t.target()));
    }
  }

  private static void requireKafkaReachable(String bootstrap) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000))) {
      admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new DevStackException(
          "Kafka is not reachable at %s. Start your broker, or let the launcher run one (CROUPIER_EMBEDDED=temporal,kafka)."
              .formatted(bootstrap),
          e);
    }
  }

  public Config config() {
    return config;
  }

  /** The Temporal server this stack runs; empty when Temporal is external. */
  public Optional<TemporalServer> temporal() {
    return Optional.ofNullable(temporal);
  }

  /** The broker this stack runs; empty when Kafka is external. */
  public Optional<KafkaBroker> kafka() {
    return Optional.ofNullable(kafka);
  }

  @Override
  public void close() {
    try {
      if (kafka != null) {
        kafka.close();
      }
    } finally {
      if (temporal != null) {
        temporal.close();
      }
    }
  }
}
