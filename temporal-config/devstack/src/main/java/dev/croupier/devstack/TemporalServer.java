package dev.croupier.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Temporal service run as a child process: the Temporal CLI's dev server (a real Temporal server
 * with SQLite persistence and the Web UI), or, where the CLI cannot be had, the SDK's Java test
 * server, which keeps its state in memory and has no Web UI.
 */
public final class TemporalServer implements AutoCloseable {
  /** Which implementation runs. */
  public enum Kind {
    DEV_SERVER,
    JAVA_TEST_SERVER
  }

  /** Dynamic config for the dev server; production values live in temporal-config/dynamicconfig. */
  static final List<String> DEV_DYNAMIC_CONFIG =
      List.of(
          "frontend.enableUpdateWorkflowExecution=true",
          "frontend.enableUpdateWorkflowExecutionAsyncAccepted=true",
          "system.forceSearchAttributesCacheRefreshOnRead=true",
          "limit.maxIDLength=255");

  private final TemporalSettings settings;
  private final Kind kind;
  private final List<String> command;
  private final Path workDir;
  private final Path logFile;
  private ManagedProcess process;

  private TemporalServer(
      TemporalSettings settings, Kind kind, List<String> command, Path workDir, Path logFile) {
    this.settings = settings;
    this.kind = kind;
    this.command = command;
    this.workDir = workDir;
    this.logFile = logFile;
  }

  /**
   * Starts the dev server when the CLI is found or can be built, else the Java test server. The dev
   * server keeps its state in {@code stateDir/temporal.db}, so sessions survive a restart.
   */
  public static TemporalServer start(
      TemporalSettings settings, Path stateDir, Path logFile, Consumer<String> progress) {
    Ports.requireFree("Temporal", settings.host(), settings.port(), "CROUPIER_TEMPORAL_TARGET");
    Optional<Path> cli = TemporalCli.findOrBuild(progress);
    TemporalServer server;
    if (cli.isPresent()) {
      Ports.requireFree(
          "the Temporal Web UI", settings.host(), settings.uiPort(), "CROUPIER_TEMPORAL_UI_PORT");
      server = devServer(cli.get(), settings, stateDir, logFile);
    } else {
      progress.accept(
          "Temporal CLI missing and Go not found: using the Java test server (state in memory only, no Web UI). Install Go to get the real dev server.");
      server = javaTestServer(settings, stateDir, logFile);
    }
    server.launch();
    return server;
  }

  /** The real dev server; fails if the CLI is missing. For tests that need real persistence. */
  public static TemporalServer startDevServer(
      TemporalSettings settings, Path stateDir, Path logFile) {
    Path cli =
        TemporalCli.find()
            .orElseThrow(
                () ->
                    new DevStackException(
                        "The Temporal CLI is missing. Build it with `go install "
                            + TemporalCli.MODULE
                            + "` or run `bash .ci/run` once."));
    TemporalServer server = devServer(cli, settings, stateDir, logFile);
    server.launch();
    return server;
  }

  /** The Java test server as its own process, bound to loopback. */
  public static TemporalServer startJavaTestServer(
      TemporalSettings settings, Path stateDir, Path logFile) {
    TemporalServer server = javaTestServer(settings, stateDir, logFile);
    server.launch();
    return server;
  }

  private static TemporalServer devServer(
      Path cli, TemporalSettings settings, Path stateDir, Path logFile) {
    List<String> cmd = new ArrayList<>();
    cmd.add(cli.toString());
    cmd.addAll(
        List.of(
            "server",
            "start-dev",
            "--ip",
            settings.host(),
            "--port",
            String.valueOf(settings.port()),
            "--ui-port",
            String.valueOf(settings.uiPort()),
            "--db-filename",
            stateDir.resolve("temporal.db").toString(),
            "--namespace",
            settings.namespace(),
            "--log-level",
            "warn",
            // SQLite's defaults (a rollback journal, fsync on every commit) make each workflow
            // task wait on the disk. A write-ahead log with NORMAL sync loses nothing when the
            // server process dies, only when the machine does: right for a dev stack.
            "--sqlite-pragma",
            "journal_mode=wal",
            "--sqlite-pragma",
            "synchronous=normal"));
    for (String attribute : TemporalSettings.SEARCH_ATTRIBUTES) {
      cmd.add("--search-attribute");
      cmd.add(attribute + "=Keyword");
    }
    for (String value : DEV_DYNAMIC_CONFIG) {
      cmd.add("--dynamic-config-value");
      cmd.add(value);
    }
    return new TemporalServer(settings, Kind.DEV_SERVER, cmd, stateDir, logFile);
  }

  private static TemporalServer javaTestServer(
      TemporalSettings settings, Path stateDir, Path logFile) {
    List<String> cmd =
        List.of(
            ManagedProcess.currentJava(),
            "-Xmx1g",
            "-cp",
            System.getProperty("java.class.path"),
            LoopbackTestServer.class.getName(),
            settings.host(),
            String.valueOf(settings.port()),
            settings.namespace(),
            String.join(",", TemporalSettings.SEARCH_ATTRIBUTES));
    return new TemporalServer(settings, Kind.JAVA_TEST_SERVER, cmd, stateDir, logFile);
  }

  private void launch() {
    try {
      Files.createDirectories(workDir);
    } catch (java.io.IOException e) {
      throw new DevStackException("Cannot create " + workDir + ": " + e.getMessage(), e);
    }
    process = ManagedProcess.start("temporal", command, workDir, logFile, Map.of());
    try {
      Ports.awaitOpen(
          "Temporal", settings.host(), settings.port(), Duration.ofSeconds(90), process::isAlive);
      if (kind == Kind.DEV_SERVER) {
        Ports.awaitOpen(
            "the Temporal Web UI",
            settings.host(),
            settings.uiPort(),
            Duration.ofSeconds(60),
            process::isAlive);
      }
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
  }

  /**
   * Stops the server with SIGTERM (or SIGKILL when {@code kill}) and starts it again on the same
   * state.
   */
  public void restart(boolean kill) {
    if (kill) {
      process.process().toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      process.process().destroyForcibly();
      try {
        process.process().waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      process.close();
    }
    Ports.awaitClosed(settings.host(), settings.port(), Duration.ofSeconds(30));
    launch();
  }

  public Kind kind() {
    return kind;
  }

  public TemporalSettings settings() {
    return settings;
  }

  public String target() {
    return settings.target();
  }

  /** The Web UI address, when this kind of server has one. */
  public Optional<String> webUi() {
    return kind == Kind.DEV_SERVER ? Optional.of(settings.uiUrl()) : Optional.empty();
  }

  public ManagedProcess process() {
    return process;
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
