package dev.croupier.topology.temporal;

import dev.croupier.devstack.DevStackException;
import dev.croupier.devstack.ManagedProcess;
import dev.croupier.devstack.Ports;
import dev.croupier.topology.TopologyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real Temporal server, built from {@code go.temporal.io/server} by {@code
 * .ci/ensure-temporal-server.sh}, on PostgreSQL: the default store in the {@code temporal} database
 * and SQL visibility in {@code temporal_visibility}, both set up (and upgraded) by Temporal's own
 * SQL tool. The server's configuration is the module's {@code config/development-postgres12.yaml}
 * with the database, the ports and the archival of {@code temporal-config/archival/archival.yaml}
 * changed; the Web UI server runs beside it; the namespace and its search attributes are created by
 * {@code temporal-config/setup-namespace.sh}. {@link #close()} stops both processes.
 */
public final class TemporalServer implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(180);

  private final Settings settings;
  private final Path dir;
  private final Path home;
  private final Database database;
  private volatile ManagedProcess server;
  private ManagedProcess ui;

  /**
   * Where the server's binaries are: {@code temporal-server}, {@code temporal-sql-tool} and the
   * module's {@code config/} in {@code server}, {@code ui-server} in {@code ui}.
   */
  public record Binaries(Path server, Path ui) {
    /** {@code CROUPIER_TEMPORAL_SERVER_HOME} or the script's default cache folder. */
    public static Binaries fromCache(Map<String, String> env) {
      Path cache =
          Path.of(
              env.getOrDefault(
                  "CROUPIER_TEMPORAL_SERVER_HOME",
                  Path.of(
                          env.getOrDefault(
                              "XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"),
                          "croupier",
                          "temporal-server")
                      .toString()));
      return new Binaries(cache.resolve("server-v1.29.1"), cache.resolve("ui-v2.42.1"));
    }

    void require() {
      for (Path p :
          List.of(
              server.resolve("temporal-server"),
              server.resolve("temporal-sql-tool"),
              server.resolve("config/development-postgres12.yaml"),
              ui.resolve("ui-server"))) {
        if (!Files.exists(p)) {
          throw new TopologyException(
              "Temporal server: %s is missing; build it once with `bash .ci/ensure-temporal-server.sh`."
                  .formatted(p));
        }
      }
    }
  }

  /** The PostgreSQL the server stores in, and the role that owns its two databases. */
  public record Database(String host, int port, String user, String password) {
    @Override
    public String toString() {
      return "Database[%s:%d as %s]".formatted(host, port, user);
    }
  }

  /**
   * The server's ports on {@code host}: the frontend's gRPC ({@code frontend}, what clients dial)
   * and HTTP ports, each service's gRPC and membership ports, Prometheus metrics, pprof and the Web
   * UI.
   */
  public record Settings(
      String host,
      int frontend,
      int frontendHttp,
      int history,
      int matching,
      int worker,
      int frontendMembership,
      int historyMembership,
      int matchingMembership,
      int workerMembership,
      int metrics,
      int pprof,
      int ui,
      String namespace) {

    /** The topology's fixed ports: 15233 for the frontend, 15280 for the Web UI. */
    public static Settings defaults() {
      return new Settings(
          Ports.LOOPBACK,
          15233,
          15243,
          15234,
          15235,
          15239,
          15933,
          15934,
          15935,
          15939,
          15800,
          15936,
          15280,
          "croupier");
    }

    /** Free ports, for tests. */
    public static Settings freePorts(String namespace) {
      return new Settings(
          Ports.LOOPBACK,
          Ports.freePort(),
          Ports.freePort(),
          Ports.freePort(),
          Ports.freePort(),
          Ports.freePort(),
          Ports.freePort(),
          Ports.freePort(),
          Ports.freePort(),
          Ports.freePort(),
          Ports.freePort(),
          Ports.freePort(),
          Ports.freePort(),
          namespace);
    }

    List<Integer> all() {
      return List.of(
          frontend,
          frontendHttp,
          history,
          matching,
          worker,
          frontendMembership,
          historyMembership,
          matchingMembership,
          workerMembership,
          metrics,
          pprof,
          ui);
    }

    public String target() {
      return host + ":" + frontend;
    }
  }

  private TemporalServer(Settings settings, Path dir, Path home, Database database) {
    this.settings = settings;
    this.dir = dir;
    this.home = home;
    this.database = database;
  }

  /**
   * Sets up (or upgrades) the schemas, starts the server and its Web UI, and creates the namespace.
   *
   * @param projectRoot the checkout, for {@code temporal-config/}
   * @param dir the server's state: its configuration, logs and the archival folder
   * @param temporalCli the {@code temporal} CLI, which {@code setup-namespace.sh} calls
   */
  public static TemporalServer start(
      Binaries binaries,
      Database database,
      Settings settings,
      Path projectRoot,
      Path dir,
      Path temporalCli,
      Consumer<String> progress) {
    binaries.require();
    for (int port : settings.all()) {
      if (Ports.isOpen(settings.host(), port)) {
        throw new TopologyException(
            "Temporal server: port %s:%d is taken by another process; stop it first."
                .formatted(settings.host(), port));
      }
    }
    TemporalServer temporal = new TemporalServer(settings, dir, binaries.server(), database);
    try {
      Files.createDirectories(dir.resolve("config"));
      progress.accept("  Temporal: schemas with temporal-sql-tool (default store and visibility)");
      temporal.setupSchema("temporal", "postgresql/v12/temporal");
      temporal.setupSchema("temporal_visibility", "postgresql/v12/visibility");
      temporal.writeConfig(projectRoot);
      temporal.startServer();
      progress.accept("  Temporal: server up on " + settings.target() + ", starting its Web UI");
      temporal.startUi(binaries.ui());
      temporal.setupNamespace(projectRoot, temporalCli);
      return temporal;
    } catch (IOException e) {
      temporal.close();
      throw new TopologyException("Temporal server: cannot prepare " + dir + ": " + e, e);
    } catch (RuntimeException e) {
      temporal.close();
      throw e;
    }
  }

  private void setupSchema(String databaseName, String schemaName) {
    Path log = dir.resolve("sql-tool.log");
    run(
        "temporal-sql-tool setup-schema (" + databaseName + ")",
        List.of(home.resolve("temporal-sql-tool").toString(), "setup-schema", "-v", "0.0"),
        databaseName,
        log);
    run(
        "temporal-sql-tool update-schema (" + databaseName + ")",
        List.of(
            home.resolve("temporal-sql-tool").toString(),
            "update-schema",
            "--schema-name",
            schemaName),
        databaseName,
        log);
  }

  /** The SQL tool reads its connection from SQL_* variables: no password on a command line. */
  private void run(String what, List<String> command, String databaseName, Path log) {
    Map<String, String> env = new HashMap<>();
    env.put("SQL_PLUGIN", "postgres12");
    env.put("SQL_HOST", database.host());
    env.put("SQL_PORT", String.valueOf(database.port()));
    env.put("SQL_USER", database.user());
    env.put("SQL_PASSWORD", database.password());
    env.put("SQL_DATABASE", databaseName);
    awaitExit(what, ManagedProcess.start(what, command, dir, log, env), Duration.ofMinutes(3));
  }

  private static void awaitExit(String what, ManagedProcess process, Duration timeout) {
    try {
      if (!process.process().waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.close();
        throw new TopologyException(
            "Temporal server: %s did not finish within %ds; see %s"
                .formatted(what, timeout.toSeconds(), process.logFile()));
      }
      if (process.process().exitValue() != 0) {
        throw new TopologyException(
            "Temporal server: %s failed (exit %d); see %s"
                .formatted(what, process.process().exitValue(), process.logFile()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.close();
      throw new TopologyException("Temporal server: interrupted during " + what, e);
    }
  }

  /**
   * The module's PostgreSQL template with this topology's database, ports and archival; the
   * template's own archival and dynamic-config sections are replaced.
   */
  private void writeConfig(Path projectRoot) throws IOException {
    String template =
        Files.readString(home.resolve("config/development-postgres12.yaml"))
            .replace("127.0.0.1:5432", database.host() + ":" + database.port())
            .replace("user: \"temporal\"", "user: \"" + database.user() + "\"")
            .replace("password: \"temporal\"", "password: \"" + database.password() + "\"")
            .replace("port: 7936", "port: " + settings.pprof())
            .replace("127.0.0.1:8000", settings.host() + ":" + settings.metrics())
            .replace(
                "broadcastAddress: \"127.0.0.1\"", "broadcastAddress: \"" + settings.host() + "\"")
            .replace("grpcPort: 7233", "grpcPort: " + settings.frontend())
            .replace("httpPort: 7243", "httpPort: " + settings.frontendHttp())
            .replace("grpcPort: 7234", "grpcPort: " + settings.history())
            .replace("grpcPort: 7235", "grpcPort: " + settings.matching())
            .replace("grpcPort: 7239", "grpcPort: " + settings.worker())
            .replace("membershipPort: 6933", "membershipPort: " + settings.frontendMembership())
            .replace("membershipPort: 6934", "membershipPort: " + settings.historyMembership())
            .replace("membershipPort: 6935", "membershipPort: " + settings.matchingMembership())
            .replace("membershipPort: 6939", "membershipPort: " + settings.workerMembership())
            .replace("localhost:7233", settings.target())
            // Four services in one process, each with its own pools: the template's 20 per store
            // would take 90 of PostgreSQL's 100 default connections.
            .replace("maxConns: 20", "maxConns: 4")
            .replace("maxIdleConns: 20", "maxIdleConns: 2");
    int archivalAt = template.indexOf("\narchival:");
    if (archivalAt < 0 || template.contains("grpcPort: 7233")) {
      throw new TopologyException(
          "Temporal server: %s is not the v1.29.1 template this topology rewrites"
              .formatted(home.resolve("config/development-postgres12.yaml")));
    }
    Path archive = dir.resolve("archival").toAbsolutePath();
    Files.createDirectories(archive);
    String archival =
        Files.readString(projectRoot.resolve("temporal-config/archival/archival.yaml"))
            .replace("file:///var/lib/temporal/archival", archiveUri());
    String config =
        template.substring(0, archivalAt + 1)
            + archival
            + "\ndynamicConfigClient:\n  filepath: \""
            + projectRoot.resolve("temporal-config/dynamicconfig/production.yaml").toAbsolutePath()
            + "\"\n  pollInterval: \"10s\"\n";
    Path file = dir.resolve("config/topology.yaml");
    Files.writeString(file, config);
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
  }

  private String archiveUri() {
    return "file://" + dir.resolve("archival").toAbsolutePath();
  }

  private void startServer() {
    server =
        ManagedProcess.start(
            "temporal-server",
            List.of(
                home.resolve("temporal-server").toString(),
                "--root",
                dir.toString(),
                "--config",
                "config",
                "--env",
                "topology",
                "--allow-no-auth",
                "start"),
            dir,
            dir.resolve("temporal-server.log"),
            Map.of());
    await("Temporal server", settings.frontend(), server);
  }

  private void startUi(Path uiHome) throws IOException {
    Files.createDirectories(dir.resolve("ui/config"));
    Files.writeString(
        dir.resolve("ui/config/topology.yaml"),
        """
        temporalGrpcAddress: %s
        host: %s
        port: %d
        enableUi: true
        defaultNamespace: %s
        notifyOnNewVersion: false
        cors:
          cookieInsecure: true
          allowOrigins: []
          unsafeAllowAllOrigins: false
        """
            .formatted(settings.target(), settings.host(), settings.ui(), settings.namespace()));
    ui =
        ManagedProcess.start(
            "temporal-ui",
            List.of(
                uiHome.resolve("ui-server").toString(),
                "--root",
                dir.resolve("ui").toString(),
                "--config",
                "config",
                "--env",
                "topology",
                "start"),
            dir,
            dir.resolve("temporal-ui.log"),
            Map.of());
    await("Temporal Web UI", settings.ui(), ui);
  }

  private void await(String name, int port, ManagedProcess process) {
    try {
      Ports.awaitOpen(name, settings.host(), port, START, process::isAlive);
    } catch (DevStackException e) {
      throw new TopologyException(
          "%s did not start on %s:%d; see %s"
              .formatted(name, settings.host(), port, process.logFile()),
          e);
    }
  }

  /**
   * {@code setup-namespace.sh}, as an operator runs it: the namespace with its retention and
   * archival URIs, and the search attributes. The frontend answers before its namespace registry is
   * ready, so the script is retried for a while.
   */
  private void setupNamespace(Path projectRoot, Path temporalCli) {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_ADDRESS", settings.target());
    env.put("CROUPIER_TEMPORAL_NAMESPACE", settings.namespace());
    env.put("CROUPIER_TEMPORAL_ARCHIVAL_URI", archiveUri());
    env.put("PATH", temporalCli.getParent() + ":" + System.getenv().getOrDefault("PATH", ""));
    Path log = dir.resolve("setup-namespace.log");
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      ManagedProcess script =
          ManagedProcess.start(
              "setup-namespace.sh",
              List.of("bash", projectRoot.resolve("temporal-config/setup-namespace.sh").toString()),
              projectRoot,
              log,
              env);
      try {
        awaitExit("setup-namespace.sh", script, Duration.ofSeconds(60));
        return;
      } catch (TopologyException e) {
        if (System.nanoTime() > deadline || !server.isAlive()) {
          throw e;
        }
      }
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TopologyException("Temporal server: interrupted while creating the namespace", e);
      }
    }
  }

  /** What clients dial: {@code host:port} of the frontend. */
  public String target() {
    return settings.target();
  }

  public String namespace() {
    return settings.namespace();
  }

  public String webUi() {
    return "http://" + settings.host() + ":" + settings.ui();
  }

  public Path logFile() {
    return dir.resolve("temporal-server.log");
  }

  /** The server process (not the Web UI), e.g. for a fault that kills it. */
  public ManagedProcess server() {
    return server;
  }

  /**
   * Stops the server process and starts it again on the same configuration and database, as an
   * operator restarting the service does; returns once the frontend listens again.
   */
  public synchronized void restart() {
    ManagedProcess old = server;
    if (old != null) {
      old.close();
    }
    Ports.awaitClosed(settings.host(), settings.frontend(), Duration.ofSeconds(60));
    startServer();
  }

  /** Processes still running, for the topology's watch: name and process. */
  public List<ManagedProcess> processes() {
    List<ManagedProcess> all = new ArrayList<>();
    if (server != null) {
      all.add(server);
    }
    if (ui != null) {
      all.add(ui);
    }
    return all;
  }

  @Override
  public void close() {
    if (ui != null) {
      ui.close();
    }
    if (server != null) {
      server.close();
    }
  }
}
