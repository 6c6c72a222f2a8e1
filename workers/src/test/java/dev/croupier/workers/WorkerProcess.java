package dev.croupier.workers;

import dev.croupier.client.sealing.SeedSealing;
import dev.croupier.devstack.ManagedProcess;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalServer;
import dev.croupier.testsupport.PostgresDatabase;
import dev.croupier.wallet.testing.TestWallet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The workers application as a separate JVM, started from the test class path, so that a test can
 * kill it with SIGKILL for real and start it again.
 */
public final class WorkerProcess implements AutoCloseable {
  /** One sealing key for every worker of the test JVM, so a restarted worker opens the seeds. */
  public static final String SEED_SEALING_KEYS = SeedSealing.newKey();

  /**
   * A fixed sealing key, for histories the suite commits as fixtures (the session chain under
   * {@code workflow-client/src/test/resources/histories/session-chain}), so their sealed seeds open
   * in every later run. A test key only: it seals nothing but test sessions.
   */
  public static final String FIXTURE_SEALING_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private final List<String> command;
  private final Map<String, String> env;
  private final Path logFile;
  private final int port = Ports.freePort();
  private final int managementPort = Ports.freePort();
  private ManagedProcess process;
  private int starts;

  public WorkerProcess(
      TemporalServer temporal, TestWallet wallet, PostgresDatabase db, Path logFile) {
    this(temporal, wallet, db, logFile, Map.of());
  }

  /** The same, with more environment for the worker (for example {@code CROUPIER_TABLES_*}). */
  public WorkerProcess(
      TemporalServer temporal,
      TestWallet wallet,
      PostgresDatabase db,
      Path logFile,
      Map<String, String> extraEnv) {
    this.logFile = logFile;
    this.command =
        List.of(
            ManagedProcess.currentJava(),
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            WorkersApplication.class.getName());
    Map<String, String> all =
        new HashMap<>(
            Map.of(
                "CROUPIER_TEMPORAL_TARGET", temporal.target(),
                "CROUPIER_TEMPORAL_NAMESPACE", temporal.settings().namespace(),
                "CROUPIER_DB_URL", db.url(),
                "CROUPIER_DB_USER", "croupier_game",
                "CROUPIER_DB_PASSWORD", db.password(),
                "CROUPIER_WORKERS_PORT", String.valueOf(port),
                "CROUPIER_WORKERS_MANAGEMENT_PORT", String.valueOf(managementPort),
                "CROUPIER_SEED_SEALING_KEYS", SEED_SEALING_KEYS));
    all.putAll(wallet.clientEnvironment("workers"));
    all.putAll(extraEnv);
    this.env = Map.copyOf(all);
  }

  /** Starts the worker JVM; returns at once (the worker joins the task queue within seconds). */
  public synchronized void start() {
    starts++;
    process = ManagedProcess.start("workers-" + starts, command, Path.of("."), logFile, env);
  }

  /** Waits until the worker's HTTP port answers, which is when it has started polling. */
  public void awaitReady(Duration timeout) {
    ManagedProcess p = process;
    Ports.awaitOpen("the workers", Ports.LOOPBACK, port, timeout, p::isAlive);
  }

  /**
   * Starts the worker again if its JVM exited without being killed: a start that failed (for
   * example Temporal timing out the worker's first call under load) would otherwise leave the task
   * queue without a worker and the test waiting for progress that never comes.
   *
   * @return whether it restarted the worker
   */
  public synchronized boolean restartIfDead() {
    if (process == null || process.isAlive()) {
      return false;
    }
    start();
    return true;
  }

  /** SIGKILL: no shutdown hook runs, in-flight tasks and local activities die with the JVM. */
  public synchronized void kill() throws InterruptedException {
    process.process().destroyForcibly();
    process.process().waitFor();
  }

  public int port() {
    return port;
  }

  /** The management port (health, Prometheus). */
  public int managementPort() {
    return managementPort;
  }

  public Path logFile() {
    return logFile;
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.close();
    }
  }
}
