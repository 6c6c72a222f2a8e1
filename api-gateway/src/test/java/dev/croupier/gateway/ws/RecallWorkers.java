package dev.croupier.gateway.ws;

import dev.croupier.devstack.ManagedProcess;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.wallet.api.ServiceNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The workers app's runnable jar ({@code workers/target/*-exec.jar}) as a process of its own,
 * serving game recall only: no worker polls, no table is opened, no outbox is relayed. It reads the
 * same database, Temporal and wallet as the test's stack, as the workers app does in production.
 */
final class RecallWorkers implements AutoCloseable {
  private final ManagedProcess process;
  private final int port = Ports.freePort();

  RecallWorkers(WsStack stack, PostgresDatabase db, TemporalServer temporal) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path log = Path.of("target", "recall-workers-" + port + ".log").toAbsolutePath();
    process =
        ManagedProcess.start(
            "recall-workers",
            List.of(
                ManagedProcess.currentJava(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                jar().toString(),
                "--croupier.temporal.worker.enabled=false",
                "--croupier.temporal.task-queue=recall-" + UUID.randomUUID(),
                "--croupier.tables.open=false",
                "--croupier.tables.relay.enabled=false",
                // Recall answers the tokens the test's gateway nodes sign.
                "--croupier.recall.public-keys=" + stack.tokenPublicKeyPem()),
            Path.of("."),
            log,
            environment(stack, db, temporal, key));
    Ports.awaitOpen(
        "the recall workers", Ports.LOOPBACK, port, Duration.ofMinutes(2), process::isAlive);
  }

  private Map<String, String> environment(
      WsStack stack, PostgresDatabase db, TemporalServer temporal, byte[] sealingKey) {
    Map<String, String> env = new HashMap<>(stack.wallet.clientEnvironment(ServiceNames.WORKERS));
    env.put("CROUPIER_TEMPORAL_TARGET", temporal.target());
    env.put("CROUPIER_TEMPORAL_NAMESPACE", temporal.settings().namespace());
    env.put("CROUPIER_DB_URL", db.url());
    env.put("CROUPIER_DB_USER", "croupier_game");
    env.put("CROUPIER_DB_PASSWORD", db.password());
    env.put("CROUPIER_WORKERS_PORT", String.valueOf(port));
    env.put("CROUPIER_WORKERS_MANAGEMENT_PORT", String.valueOf(Ports.freePort()));
    // Recall reads no sealed payload, but the app does not start without a key.
    env.put("CROUPIER_SEED_SEALING_KEYS", Base64.getEncoder().encodeToString(sealingKey));
    return env;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  private static Path jar() {
    Path target = Path.of("..", "workers", "target").toAbsolutePath().normalize();
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
          .findFirst()
          .orElseThrow();
    } catch (IOException | java.util.NoSuchElementException e) {
      throw new IllegalStateException(
          "The workers' runnable jar is not built ("
              + target
              + "/*-exec.jar): run the build from"
              + " the root",
          e);
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
