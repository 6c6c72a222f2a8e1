package dev.croupier.topology;

import dev.croupier.devstack.DevStackException;
import dev.croupier.devstack.ManagedProcess;
import dev.croupier.devstack.Ports;
import dev.croupier.devstack.TemporalCli;
import dev.croupier.topology.apps.AppNode;
import dev.croupier.topology.apps.Apps;
import dev.croupier.topology.apps.GatewayProxy;
import dev.croupier.topology.db.PatroniCluster;
import dev.croupier.topology.kafka.KafkaCluster;
import dev.croupier.topology.temporal.TemporalServer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Starts the production shape on this machine and supervises it until Ctrl-C: the database (see
 * {@code topology/README.md}, "Database"), the real Temporal server on PostgreSQL with its Web UI,
 * three KRaft brokers, two wallets, the realtime app, two workers, two gateways, admin, and HAProxy
 * in front of the gateways. Like a service manager, it starts again any process that exits while
 * the topology runs (and says so), which is how the chaos run's faults recover. A component that
 * does not start stops the whole topology with one line naming it and its log, and exit status 2.
 * It writes each process's pid to {@code <state>/pids} ({@code name pid} lines) for the chaos and
 * load scripts.
 */
public final class Topology {
  private static final Logger log = LoggerFactory.getLogger(Topology.class);
  private static final PrintStream out =
      new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
  private static final Duration APP_START = Duration.ofMinutes(6);

  private final Path root;
  private final Path home;
  private final Map<String, String> env;
  private final List<Part> parts = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopping;

  /**
   * A supervised process: its name, its log, the running process, and how to start it again after
   * it exited.
   */
  private record Part(
      String name, Supplier<ManagedProcess> current, Supplier<Path> log, Runnable restart) {}

  Topology(Path root, Map<String, String> env) {
    this.root = root;
    this.env = env;
    this.home =
        Path.of(
            env.getOrDefault(
                "CROUPIER_TOPOLOGY_DIR", root.resolve(".croupier/topology").toString()));
  }

  public static void main(String[] args) {
    Topology topology = new Topology(projectRoot(), System.getenv());
    Runtime.getRuntime().addShutdownHook(new Thread(topology::stop, "topology-stop"));
    for (String signal : List.of("TERM", "INT")) {
      Signal.handle(
          new Signal(signal),
          s -> Thread.ofPlatform().name("topology-stop-" + signal).start(topology::stop));
    }
    try {
      topology.start();
    } catch (RuntimeException e) {
      if (topology.stopping) {
        topology.awaitStop();
        System.exit(0);
      }
      out.println(
          e instanceof TopologyException || e instanceof DevStackException
              ? "topology: " + e.getMessage()
              : "topology: cannot start: " + e + " (logs are in " + topology.home + ")");
      log.debug("start failed", e);
      topology.stop();
      Runtime.getRuntime().halt(2);
    }
    topology.supervise();
    topology.awaitStop();
    say("Stopped. No process is left running.");
    System.exit(0);
  }

  void start() {
    say("Croupier topology (production shape on one box), state in " + home);
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new TopologyException("Topology: cannot create " + home + ": " + e, e);
    }
    Database db;
    if ("patroni".equals(env.getOrDefault("CROUPIER_TOPOLOGY_DB", "local"))) {
      say("Starting PostgreSQL under Patroni (etcd, three nodes, HAProxy's write port)");
      PatroniCluster cluster =
          PatroniCluster.start(home.resolve("db"), PatroniCluster.Ports.defaults());
      track(cluster);
      db =
          new Database(
              Ports.LOOPBACK,
              cluster.ports().write(),
              "croupier",
              "croupier",
              PatroniCluster.DEV_PASSWORD,
              "temporal",
              PatroniCluster.DEV_PASSWORD);
    } else {
      db = Database.local(env);
    }
    say("Database: " + db.describe());
    db.requireReachable();

    say("Starting the Temporal server (PostgreSQL persistence and SQL visibility)");
    Path cli =
        TemporalCli.find()
            .orElseThrow(
                () ->
                    new TopologyException(
                        "Temporal CLI: not found; `bash .ci/ensure-temporal-cli.sh` builds it"
                            + " (setup-namespace.sh uses it)"));
    TemporalServer temporal =
        TemporalServer.start(
            TemporalServer.Binaries.fromCache(env),
            new TemporalServer.Database(
                db.host(), db.port(), db.temporalUser(), db.temporalPassword()),
            TemporalServer.Settings.defaults(),
            root,
            home.resolve("temporal"),
            cli,
            Topology::say);
    track(temporal);
    parts.add(new Part("temporal-server", temporal::server, temporal::logFile, temporal::restart));

    say("Starting three Kafka brokers (KRaft)");
    KafkaCluster kafka =
        KafkaCluster.start(
            Ports.LOOPBACK,
            List.of(15092, 15093, 15094),
            List.of(15192, 15193, 15194),
            home.resolve("kafka"),
            Topology::say);
    track(kafka);
    for (int i = 0; i < KafkaCluster.NODES; i++) {
      int n = i;
      parts.add(
          new Part(
              "kafka-" + (n + 1),
              () -> kafka.broker(n),
              () -> kafka.logFile(n),
              () -> kafka.restart(n)));
    }

    say("Migrating the database as " + db.migrationUser());
    migrate(db);

    List<AppNode> nodes =
        Apps.plan(
            home,
            new Apps.Endpoints(
                db.jdbcUrl(),
                db.migrationUser(),
                db.password(),
                temporal.target(),
                temporal.namespace(),
                temporal.webUi(),
                kafka.bootstrapServers(),
                env.get("CROUPIER_PROMETHEUS_URL")));
    for (AppNode node : nodes) {
      if (node.executableJar(root).isEmpty()) {
        throw new TopologyException(
            "%s: no %s/target/*-exec.jar; build first: ./mvnw -Ptopology -DskipTests package"
                .formatted(node.name(), node.moduleDir()));
      }
      for (int port : List.of(node.port(), node.managementPort())) {
        if (Ports.isOpen(Ports.LOOPBACK, port)) {
          throw new TopologyException(
              "%s: port %d is taken by another process; stop it first."
                  .formatted(node.name(), port));
        }
      }
    }
    // HAProxy first: it checks the gateways itself and sends players only to a ready one, and a
    // configuration it refuses stops the topology before minutes of app starts.
    say("Starting HAProxy in front of the two gateways");
    List<AppNode> gateways = nodes.stream().filter(n -> n.name().startsWith("gateway")).toList();
    GatewayProxy[] proxy = {GatewayProxy.start(home, Ports.LOOPBACK, gateways)};
    track(() -> proxy[0].close());
    parts.add(
        new Part(
            "haproxy-gateways",
            () -> proxy[0].process(),
            () -> home.resolve("haproxy-gateways.log"),
            () -> proxy[0] = GatewayProxy.start(home, Ports.LOOPBACK, gateways)));
    // Two waves, each started at once and then awaited: the wallets and realtime first, since the
    // others call them; two cores start eight Spring apps in a few minutes.
    List<AppNode> first =
        nodes.stream()
            .filter(n -> n.name().startsWith("wallet") || n.name().equals("realtime"))
            .toList();
    List<AppNode> second = nodes.stream().filter(n -> !first.contains(n)).toList();
    for (List<AppNode> wave : List.of(first, second)) {
      say("Starting " + wave.stream().map(AppNode::name).toList());
      List<ManagedProcess[]> started = new ArrayList<>();
      for (AppNode node : wave) {
        ManagedProcess[] holder = {launch(node)};
        started.add(holder);
        parts.add(
            new Part(
                node.name(),
                () -> holder[0],
                () -> appLog(node),
                () -> {
                  holder[0] = launch(node);
                  awaitReady(node, holder[0]);
                }));
        track(() -> holder[0].close());
      }
      for (int i = 0; i < wave.size(); i++) {
        awaitReady(wave.get(i), started.get(i)[0]);
      }
      requireNotStopping();
    }

    writePids();

    if (stopping) {
      return;
    }
    say("");
    say("Croupier topology is up. Ctrl-C stops everything.");
    say(
        "  %-18s %s (HAProxy: both gateways, WebSocket at /ws; stats %s)"
            .formatted("Players", proxy[0].url(), proxy[0].statsUrl()));
    say("  %-18s %s".formatted("Database", db.describe()));
    say(
        "  %-18s %s (namespace %s; real server on PostgreSQL)"
            .formatted("Temporal", temporal.target(), temporal.namespace()));
    say(
        "  %-18s %s/namespaces/%s/workflows"
            .formatted("Temporal Web UI", temporal.webUi(), temporal.namespace()));
    say("  %-18s %s (replication 3, min ISR 2)".formatted("Kafka", kafka.bootstrapServers()));
    for (AppNode node : nodes) {
      say(
          "  %-18s %s://%s:%d  (health, metrics: http://%s:%d/actuator)"
              .formatted(
                  node.name(),
                  node.scheme(),
                  Ports.LOOPBACK,
                  node.port(),
                  Ports.LOOPBACK,
                  node.managementPort()));
    }
    say("  %-18s %s (pids in %s)".formatted("Logs", home.resolve("logs"), home.resolve("pids")));
  }

  private ManagedProcess launch(AppNode node) {
    return ManagedProcess.start(
        node.name(),
        List.of(
            ManagedProcess.currentJava(),
            "-Xmx" + env.getOrDefault("CROUPIER_TOPOLOGY_APP_HEAP", "384m"),
            "-XX:+UseSerialGC",
            "-jar",
            node.executableJar(root).orElseThrow().toString()),
        root,
        appLog(node),
        node.env());
  }

  private Path appLog(AppNode node) {
    return home.resolve("logs").resolve(node.name() + ".log");
  }

  /** Waits until the app answers its readiness check (database, Temporal, wallet, Kafka up). */
  private void awaitReady(AppNode node, ManagedProcess process) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + APP_START.toNanos();
    while (System.nanoTime() < deadline && !stopping) {
      if (!process.isAlive()) {
        throw new TopologyException(
            "%s exited while starting (exit %d); see %s"
                .formatted(node.name(), process.process().exitValue(), appLog(node)));
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(node.readinessUrl(Ports.LOOPBACK)))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          say("  %s ready (pid %d)".formatted(node.name(), process.pid()));
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TopologyException("Topology: interrupted while starting " + node.name(), e);
      }
      pause(Duration.ofSeconds(1));
    }
    if (!stopping) {
      throw new TopologyException(
          "%s was not ready within %d s; see %s"
              .formatted(node.name(), APP_START.toSeconds(), appLog(node)));
    }
  }

  private void migrate(Database db) {
    try {
      Flyway.configure()
          .dataSource(db.jdbcUrl(), db.migrationUser(), db.password())
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new TopologyException(
          "Database: migrating as %s failed: %s"
              .formatted(
                  db.migrationUser(),
                  String.valueOf(e.getMessage()).lines().findFirst().orElse("")),
          e);
    }
  }

  /**
   * Like a service manager: a process that exits while the topology runs is started again (a crash
   * or a fault the chaos run injected), and the topology says so with the log to read.
   */
  void supervise() {
    while (!stopping) {
      for (Part part : List.copyOf(parts)) {
        ManagedProcess process = part.current().get();
        if (stopping || process == null || process.isAlive()) {
          continue;
        }
        long began = System.nanoTime();
        say(
            "%s exited (status %d); starting it again (see %s)"
                .formatted(part.name(), process.process().exitValue(), part.log().get()));
        try {
          part.restart().run();
          say(
              "%s is back (pid %d) after %.1f s"
                  .formatted(
                      part.name(), part.current().get().pid(), (System.nanoTime() - began) / 1e9));
          writePids();
        } catch (RuntimeException e) {
          if (!stopping) {
            say("topology: " + part.name() + " did not come back: " + e.getMessage());
          }
        }
      }
      pause(Duration.ofMillis(500));
    }
  }

  private void writePids() {
    StringBuilder pids = new StringBuilder();
    for (Part part : parts) {
      ManagedProcess process = part.current().get();
      if (process != null) {
        pids.append(part.name()).append(' ').append(process.pid()).append('\n');
      }
    }
    try {
      Path tmp = home.resolve("pids.tmp");
      Files.writeString(tmp, pids);
      Files.move(tmp, home.resolve("pids"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      log.warn("cannot write {}: {}", home.resolve("pids"), e.toString());
    }
  }

  /** Remembers a started part; if a stop already began, stops it at once instead. */
  private void track(AutoCloseable closeable) {
    synchronized (this) {
      if (!stopping) {
        closeables.add(closeable);
        return;
      }
    }
    try {
      closeable.close();
    } catch (Exception e) {
      out.println("topology: stopping a part failed: " + e.getMessage());
    }
    throw new TopologyException("Topology: stopped while starting");
  }

  private void requireNotStopping() {
    if (stopping) {
      throw new TopologyException("Topology: stopped while starting");
    }
  }

  /** Stops everything, newest first. Safe to call twice. */
  void stop() {
    synchronized (this) {
      if (stopping) {
        return;
      }
      stopping = true;
    }
    say("");
    say("Stopping the topology, newest first");
    List<AutoCloseable> all;
    synchronized (this) {
      all = new ArrayList<>(closeables);
      closeables.clear();
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        all.get(i).close();
      } catch (Exception e) {
        out.println("topology: stopping a part failed: " + e.getMessage());
      }
    }
    try {
      Files.deleteIfExists(home.resolve("pids"));
    } catch (IOException e) {
      // nothing to clean
    }
    stopped.countDown();
  }

  private void awaitStop() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void say(String line) {
    out.println(line);
  }

  /** The checkout: {@code CROUPIER_HOME}, or the nearest parent holding {@code topology/}. */
  static Path projectRoot() {
    String given = System.getenv("CROUPIER_HOME");
    if (given != null) {
      return Path.of(given).toAbsolutePath();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("topology")) && Files.exists(p.resolve("pom.xml"))) {
        return p;
      }
    }
    return dir;
  }

  /**
   * The PostgreSQL the topology stores in: host and port of its write address, the platform's
   * database, the migration role and the {@code temporal} role that owns Temporal's two databases.
   */
  record Database(
      String host,
      int port,
      String database,
      String migrationUser,
      String password,
      String temporalUser,
      String temporalPassword) {

    /** {@code CROUPIER_TOPOLOGY_DB_HOST}/{@code _PORT}/{@code _NAME}; loopback 5432 by default. */
    static Database local(Map<String, String> env) {
      return new Database(
          env.getOrDefault("CROUPIER_TOPOLOGY_DB_HOST", Ports.LOOPBACK),
          Integer.parseInt(env.getOrDefault("CROUPIER_TOPOLOGY_DB_PORT", "5432")),
          env.getOrDefault("CROUPIER_TOPOLOGY_DB_NAME", "croupier_topology"),
          env.getOrDefault("CROUPIER_DB_USER", "croupier"),
          env.getOrDefault("CROUPIER_DB_PASSWORD", "croupier"),
          env.getOrDefault("CROUPIER_TEMPORAL_DB_USER", "temporal"),
          env.getOrDefault("CROUPIER_TEMPORAL_DB_PASSWORD", "temporal"));
    }

    String jdbcUrl() {
      return "jdbc:postgresql://%s:%d/%s".formatted(host, port, database);
    }

    String describe() {
      return "%s (migration role %s; Temporal as %s)"
          .formatted(jdbcUrl(), migrationUser, temporalUser);
    }

    /** Connects as both roles, creating the platform's database when the migration role may. */
    void requireReachable() {
      String admin = "jdbc:postgresql://%s:%d/postgres".formatted(host, port);
      if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
        throw new TopologyException(
            "Database: CROUPIER_TOPOLOGY_DB_NAME must be a plain lower-case name, not " + database);
      }
      try (var c = DriverManager.getConnection(admin, migrationUser, password);
          var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
        exists.setString(1, database);
        try (var rs = exists.executeQuery()) {
          if (!rs.next()) {
            try (var s = c.createStatement()) {
              s.execute("create database " + database);
            }
          }
        }
      } catch (SQLException e) {
        throw new TopologyException(
            "Database: cannot connect to %s as %s: %s"
                .formatted(admin, migrationUser, e.getMessage()),
            e);
      }
      for (String db : List.of("temporal", "temporal_visibility")) {
        String url = "jdbc:postgresql://%s:%d/%s".formatted(host, port, db);
        try (var c = DriverManager.getConnection(url, temporalUser, temporalPassword)) {
          c.isValid(5);
        } catch (SQLException e) {
          throw new TopologyException(
              ("Database: cannot connect to %s as %s (%s). The Temporal server needs the databases"
                      + " temporal and temporal_visibility owned by the role %s; see"
                      + " topology/README.md, \"Database\".")
                  .formatted(url, temporalUser, e.getMessage(), temporalUser),
              e);
        }
      }
    }
  }
}
