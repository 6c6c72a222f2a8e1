package dev.croupier.admin;

import dev.croupier.devstack.KafkaBroker;
import dev.croupier.devstack.ManagedProcess;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.wallet.testing.TestWallet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real workers app, for the evidence tests: its runnable jar in a process of its own (no module
 * links an app), as the game context's owner with its database role, calling the test wallet as
 * {@code workers}, with its evidence port open to admin's certificate from the same CA.
 */
public final class WorkersProcess implements AutoCloseable {
  public final int port = Ports.freePort();
  public final int evidencePort = Ports.freePort();
  public final String taskQueue;
  private final ManagedProcess process;

  public WorkersProcess(
      PostgresDatabase db,
      TestWallet wallet,
      TemporalServer temporal,
      KafkaBroker kafka,
      String taskQueue) {
    this.taskQueue = taskQueue;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Map<String, String> env = new HashMap<>(wallet.clientEnvironment("workers"));
    env.put("CROUPIER_DB_URL", db.url());
    env.put("CROUPIER_DB_USER", "croupier_game");
    env.put("CROUPIER_DB_PASSWORD", db.password());
    env.put("CROUPIER_TEMPORAL_TARGET", temporal.target());
    env.put("CROUPIER_TEMPORAL_NAMESPACE", temporal.settings().namespace());
    env.put("CROUPIER_TEMPORAL_TASKQUEUE", taskQueue);
    env.put("CROUPIER_WORKERS_PORT", String.valueOf(port));
    env.put("CROUPIER_WORKERS_MANAGEMENT_PORT", String.valueOf(Ports.freePort()));
    env.put("CROUPIER_WORKERS_EVIDENCE_PORT", String.valueOf(evidencePort));
    env.put("CROUPIER_SEED_SEALING_KEYS", Base64.getEncoder().encodeToString(key));
    env.put("CROUPIER_KAFKA_BOOTSTRAP", kafka.bootstrapServers());
    env.put("CROUPIER_TABLES_OPEN", "false");
    env.put("CROUPIER_TABLES_RELAY_ENABLED", "false");
    Path log = Path.of("target", "test-workers", "workers-" + port + ".log").toAbsolutePath();
    ManagedProcess p =
        ManagedProcess.start(
            "workers",
            List.of(
                ManagedProcess.currentJava(),
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar().toString()),
            Path.of("."),
            log,
            env);
    try {
      Ports.awaitOpen(
          "the test workers", Ports.LOOPBACK, port, Duration.ofSeconds(120), p::isAlive);
      Ports.awaitOpen(
          "the evidence port", Ports.LOOPBACK, evidencePort, Duration.ofSeconds(30), p::isAlive);
    } catch (RuntimeException e) {
      p.close();
      throw new IllegalStateException(e.getMessage() + " Its log: " + log, e);
    }
    this.process = p;
  }

  /** The evidence port, as admin's configuration takes it. */
  public String evidenceUrl() {
    return "https://127.0.0.1:" + evidencePort;
  }

  private static Path jar() {
    Path target = Path.of("..", "workers", "target").toAbsolutePath().normalize();
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().matches("workers-.*-exec\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no workers-*-exec.jar in " + target + ": build the workers module first"));
    } catch (IOException e) {
      throw new IllegalStateException("no " + target + ": build the workers module first", e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
