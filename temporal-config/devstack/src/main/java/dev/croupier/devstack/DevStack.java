package dev.croupier.devstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The embedded dev services, started in dependency order: PostgreSQL is checked (and its database
 * created), then the Temporal service and the Kafka broker are started as child processes. State
 * lives under {@code home} (the git-ignored {@code .croupier/} folder), so it survives a restart.
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

  /** Everything the dev stack needs to know; every address can be changed by environment. */
  public record Config(
      Path home,
      PostgresSettings postgres,
      TemporalSettings temporal,
      String kafkaHost,
      int kafkaPort) {

    public static Config fromEnvironment(Path home) {
      return from(home, System.getenv());
    }

    public static Config from(Path home, Map<String, String> env) {
      return new Config(
          home,
          PostgresSettings.from(env),
          TemporalSettings.from(env),
          Ports.LOOPBACK,
          Integer.parseInt(env.getOrDefault("CROUPIER_KAFKA_PORT", "9092")));
    }

    public String kafkaBootstrap() {
      return kafkaHost + ":" + kafkaPort;
    }

    public Path logs() {
      return home.resolve("logs");
    }
  }

  /** Starts the services; on failure, whatever was started is stopped again before rethrowing. */
  public static DevStack start(Config config, Consumer<String> progress) {
    progress.accept("Checking PostgreSQL at " + config.postgres().url());
    Postgres.ensureDatabase(config.postgres());
    // Fail on taken ports before the slow steps, so a conflict costs no build or start time.
    Ports.requireFree("Kafka", config.kafkaHost(), config.kafkaPort(), "CROUPIER_KAFKA_PORT");
    progress.accept("Starting Temporal on " + config.temporal().target());
    TemporalServer temporal =
        TemporalServer.start(
            config.temporal(),
            config.home().resolve("temporal"),
            config.logs().resolve("temporal.log"),
            progress);
    try {
      progress.accept("Starting Kafka (KRaft) on " + config.kafkaBootstrap());
      KafkaBroker kafka =
          KafkaBroker.start(
              config.kafkaHost(),
              config.kafkaPort(),
              config.home().resolve("kafka"),
              config.logs().resolve("kafka.log"));
      return new DevStack(config, temporal, kafka);
    } catch (RuntimeException e) {
      temporal.close();
      throw e;
    }
  }

  public Config config() {
    return config;
  }

  public TemporalServer temporal() {
    return temporal;
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  @Override
  public void close() {
    try {
      kafka.close();
    } finally {
      temporal.close();
    }
  }
}
