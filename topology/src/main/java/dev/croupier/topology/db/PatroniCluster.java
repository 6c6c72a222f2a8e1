package dev.croupier.topology.db;

import dev.croupier.devstack.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL in high availability on one machine, from Debian's packages: one etcd, three
 * PostgreSQL nodes under Patroni ({@code synchronous_mode} and {@code synchronous_mode_strict} on,
 * so a commit is acknowledged only once a standby has it), WAL archiving into {@link #archiveDir()}
 * with a base backup taken at start for point-in-time recovery, and HAProxy in front: its write
 * port goes to whichever node answers {@code GET /primary} on its Patroni REST port, its read port
 * to the replicas. Every process is supervised, logs under the cluster's folder, and is stopped by
 * {@link #close()}.
 *
 * <p>The cluster holds the same roles and databases as {@code .ci/ensure-postgres.sh} (role {@code
 * croupier}, database {@code croupier}, the per-context roles), all with the dev password {@link
 * #DEV_PASSWORD}, so the apps' migrations run unchanged; and the Temporal server's databases {@code
 * temporal} and {@code temporal_visibility}, owned by role {@code temporal}. The superuser and
 * replication passwords are random per cluster and never logged.
 *
 * <pre>{@code
 * try (PatroniCluster db = PatroniCluster.start(dir, PatroniCluster.Ports.free())) {
 *   String url = db.writeJdbcUrl("croupier"); // through HAProxy, to the leader
 *   db.killLeader();                           // SIGKILL: Patroni promotes the sync standby
 *   db.awaitLeader(Duration.ofSeconds(60));
 * }
 * }</pre>
 *
 * <p>Run as root, the PostgreSQL nodes (and Patroni) run as the {@code postgres} user, which
 * PostgreSQL requires; the folder is handed to that user.
 */
public final class PatroniCluster implements AutoCloseable {
  /** The password of role {@code croupier}, the context roles and {@code temporal}: dev only. */
  public static final String DEV_PASSWORD = "croupier";

  /** The roles {@code .ci/ensure-postgres.sh} creates for the contexts. */
  static final List<String> CONTEXT_ROLES =
      List.of(
          "croupier_identity",
          "croupier_wallet",
          "croupier_game",
          "croupier_realtime",
          "croupier_admin");

  private static final Logger log = LoggerFactory.getLogger(PatroniCluster.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
  private static final Duration STEP = Duration.ofMillis(250);

  private final Path dir;
  private final Ports ports;
  private final Binaries bin;
  private String superuserPassword;
  private String replicationPassword;
  private final List<Node> nodes = new ArrayList<>();
  private final List<RestoredDatabase> restored = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private ManagedProcess etcd;
  private ManagedProcess haproxy;

  /**
   * The loopback ports of the cluster.
   *
   * @param etcdClient etcd's client port (Patroni's DCS)
   * @param etcdPeer etcd's peer port
   * @param write HAProxy's port to the leader: where the apps connect
   * @param read HAProxy's port to the replicas (read-only, may lag)
   * @param postgres each node's PostgreSQL port (three)
   * @param rest each node's Patroni REST port (three), which HAProxy checks
   */
  public record Ports(
      int etcdClient,
      int etcdPeer,
      int write,
      int read,
      List<Integer> postgres,
      List<Integer> rest) {
    public Ports {
      postgres = List.copyOf(postgres);
      rest = List.copyOf(rest);
      if (postgres.size() != 3 || rest.size() != 3) {
        throw new IllegalArgumentException("three nodes: three PostgreSQL and three REST ports");
      }
    }

    /** The topology's fixed ports: etcd 15379/15380, HAProxy 15432 (write) and 15433 (read). */
    public static Ports defaults() {
      return new Ports(
          15379, 15380, 15432, 15433, List.of(15441, 15442, 15443), List.of(15481, 15482, 15483));
    }

    /** Ports that were free a moment ago, for tests. */
    public static Ports free() {
      return new Ports(
          port(),
          port(),
          port(),
          port(),
          List.of(port(), port(), port()),
          List.of(port(), port(), port()));
    }

    private static int port() {
      return dev.croupier.devstack.Ports.freePort();
    }
  }

  private PatroniCluster(Path dir, Ports ports, Binaries bin) {
    this.dir = dir;
    this.ports = ports;
    this.bin = bin;
  }

  /**
   * Starts etcd, the three Patroni nodes and HAProxy in {@code dir} (created if missing), waits
   * until a leader with a synchronous standby serves writes through HAProxy, creates the roles and
   * databases, and takes the base backup. Every wait is bounded.
   *
   * @throws ClusterStartException when a component is missing or does not start: one line naming it
   *     and the log to read; whatever had started is stopped again
   */
  public static PatroniCluster start(Path dir, Ports ports) {
    Binaries bin = Binaries.locate();
    PatroniCluster cluster = new PatroniCluster(dir.toAbsolutePath(), ports, bin);
    try {
      cluster.startAll();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void startAll() {
    long started = System.nanoTime();
    prepareFolders();
    Path etcdLog = dir.resolve("etcd.log");
    etcd =
        ManagedProcess.start(
            "etcd",
            List.of(
                bin.etcd().toString(),
                "--name=etcd1",
                "--data-dir=" + dir.resolve("etcd"),
                "--listen-client-urls=http://" + HOST + ":" + ports.etcdClient(),
                "--advertise-client-urls=http://" + HOST + ":" + ports.etcdClient(),
                "--listen-peer-urls=http://" + HOST + ":" + ports.etcdPeer(),
                "--initial-advertise-peer-urls=http://" + HOST + ":" + ports.etcdPeer(),
                "--initial-cluster=etcd1=http://" + HOST + ":" + ports.etcdPeer(),
                "--initial-cluster-state=new",
                "--log-level=warn"),
            dir,
            etcdLog,
            Map.of());
    await(
        "etcd",
        etcdLog,
        Duration.ofSeconds(60),
        etcd::isAlive,
        () -> httpStatus("http://" + HOST + ":" + ports.etcdClient() + "/health") == 200);
    for (Node node : nodes) {
      startNode(node);
    }
    awaitHealthy(START_TIMEOUT);
    startHaproxy();
    bootstrapRolesAndDatabases();
    takeBaseBackup();
    log.info(
        "PostgreSQL cluster ready in {}s: leader {}, writes on {}:{}, folder {}",
        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
        leader(),
        HOST,
        ports.write(),
        dir);
  }

  private void prepareFolders() {
    try {
      Files.createDirectories(dir);
      Files.createDirectories(archiveDir());
      loadOrMakePasswords();
      for (int i = 0; i < 3; i++) {
        Node node =
            new Node(
                "pg" + (i + 1),
                ports.postgres().get(i),
                ports.rest().get(i),
                dir.resolve("pg" + (i + 1)));
        Files.createDirectories(node.dir());
        nodes.add(node);
      }
      // The unix socket lives in the node's folder; a socket path is limited to 107 bytes.
      if (nodes.getFirst().dir().toString().length() > 80) {
        throw new ClusterStartException(
            "PostgreSQL: the folder "
                + dir
                + " is too long for a unix socket path; use a shorter one");
      }
      for (Node node : nodes) {
        Path config = node.dir().resolve("patroni.yml");
        Files.writeString(
            config,
            PatroniConfig.yaml(
                node.name(),
                node.pgPort(),
                node.restPort(),
                node.dir(),
                ports.etcdClient(),
                bin.postgresBin(),
                archiveDir(),
                superuserPassword,
                replicationPassword));
      }
      if (Os.root()) {
        // PostgreSQL refuses to run as root: the nodes run as postgres, who must reach the folder.
        Os.run(List.of("chmod", "755", dir.toString()), Duration.ofSeconds(10));
        for (Node node : nodes) {
          Os.run(
              List.of("chown", "-R", "postgres:postgres", node.dir().toString()),
              Duration.ofSeconds(10));
          Os.run(List.of("chmod", "700", node.dir().toString()), Duration.ofSeconds(10));
        }
        Os.run(
            List.of("chown", "-R", "postgres:postgres", archiveDir().getParent().toString()),
            Duration.ofSeconds(10));
        Os.requireReachableByPostgres(dir);
      }
    } catch (IOException e) {
      throw new ClusterStartException(
          "PostgreSQL: cannot prepare " + dir + ": " + e.getMessage(), e);
    }
  }

  private void startNode(Node node) {
    List<String> command =
        Os.asPostgres(
            List.of(bin.patroni().toString(), node.dir().resolve("patroni.yml").toString()));
    node.process =
        ManagedProcess.start(
            "patroni " + node.name(),
            command,
            node.dir(),
            node.log(),
            Map.of("HOME", node.dir().toString(), "LC_ALL", "C.UTF-8", "PYTHONPATH", ""));
  }

  /**
   * Starts again a node that {@link #killLeader()} killed: Patroni rewinds it with {@code
   * pg_rewind} if needed and it rejoins as a replica.
   */
  public void startNode(String name) {
    Node node = node(name);
    if (node.process != null && node.process.isAlive()) {
      return;
    }
    startNode(node);
  }

  private void awaitHealthy(Duration timeout) {
    await(
        "Patroni (a leader with a synchronous standby and a second replica)",
        dir.resolve("pg{1,2,3}").resolve("patroni.log"),
        timeout,
        () -> nodes.stream().allMatch(n -> n.process.isAlive()) || failNode(),
        () -> {
          long primaries = nodes.stream().filter(n -> status(n, "/primary") == 200).count();
          long replicas = nodes.stream().filter(n -> status(n, "/replica") == 200).count();
          long sync = nodes.stream().filter(n -> status(n, "/sync") == 200).count();
          return primaries == 1 && replicas == 2 && sync >= 1;
        });
  }

  private boolean failNode() {
    for (Node node : nodes) {
      if (!node.process.isAlive()) {
        throw new ClusterStartException(
            "Patroni node %s exited (code %d) while starting: read %s"
                .formatted(node.name(), node.process.process().exitValue(), node.log()));
      }
    }
    return true;
  }

  private void startHaproxy() {
    Path config = dir.resolve("haproxy.cfg");
    Path haproxyLog = dir.resolve("haproxy.log");
    try {
      Files.writeString(
          config,
          HaproxyConfig.of(
              ports.write(),
              ports.read(),
              nodes.stream()
                  .map(n -> new HaproxyConfig.Server(n.name(), n.pgPort(), n.restPort()))
                  .toList()));
    } catch (IOException e) {
      throw new ClusterStartException("HAProxy: cannot write " + config + ": " + e.getMessage(), e);
    }
    haproxy =
        ManagedProcess.start(
            "haproxy",
            List.of(bin.haproxy().toString(), "-f", config.toString(), "-db"),
            dir,
            haproxyLog,
            Map.of());
    await(
        "HAProxy (writes through " + HOST + ":" + ports.write() + ")",
        haproxyLog,
        Duration.ofSeconds(60),
        haproxy::isAlive,
        () -> {
          try (Connection c = superuser(writeJdbcUrl("postgres"));
              Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("select not pg_is_in_recovery()")) {
            return rs.next() && rs.getBoolean(1);
          } catch (SQLException e) {
            return false;
          }
        });
  }

  private void bootstrapRolesAndDatabases() {
    List<String> sql = new ArrayList<>();
    sql.add(createRole("croupier", "login createdb"));
    sql.add("grant pg_read_all_stats, pg_signal_backend to croupier");
    for (String role : CONTEXT_ROLES) {
      sql.add(createRole(role, "login"));
    }
    sql.add(createRole("temporal", "login createdb"));
    try (Connection c = superuser(writeJdbcUrl("postgres"));
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
      for (String[] db :
          new String[][] {
            {"croupier", "croupier"}, {"temporal", "temporal"}, {"temporal_visibility", "temporal"}
          }) {
        try (ResultSet rs =
            s.executeQuery("select 1 from pg_database where datname = '" + db[0] + "'")) {
          if (rs.next()) {
            continue;
          }
        }
        s.execute("create database " + db[0] + " owner " + db[1]);
      }
    } catch (SQLException e) {
      throw new ClusterStartException(
          "PostgreSQL: creating the roles and databases failed ("
              + e.getMessage()
              + "): read "
              + node(leader()).log(),
          e);
    }
  }

  private static String createRole(String role, String options) {
    // The dev password, as .ci/ensure-postgres.sh sets it; production sets its own.
    return """
        do $$ begin
          if not exists (select 1 from pg_roles where rolname = '%1$s') then
            create role %1$s %2$s password '%3$s';
          end if;
        end $$"""
        .formatted(role, options, DEV_PASSWORD);
  }

  /**
   * The superuser and replication passwords: made at random for a new cluster and kept in {@code
   * passwords} (readable by its owner only), so a cluster started again from its folder keeps them.
   */
  private void loadOrMakePasswords() throws IOException {
    Path file = dir.resolve("passwords");
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file);
      superuserPassword = lines.get(0);
      replicationPassword = lines.get(1);
      return;
    }
    superuserPassword = randomPassword();
    replicationPassword = randomPassword();
    Files.createFile(
        file,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, superuserPassword + "\n" + replicationPassword + "\n");
  }

  private void takeBaseBackup() {
    Path base = baseBackupDir();
    if (Files.exists(base.resolve("PG_VERSION"))) {
      // Started again from its folder: the archive goes on from the base backup taken first.
      return;
    }
    Node leader = node(leader());
    Path backupLog = dir.resolve("basebackup.log");
    ManagedProcess backup =
        ManagedProcess.start(
            "pg_basebackup",
            Os.asPostgres(
                List.of(
                    bin.postgresBin().resolve("pg_basebackup").toString(),
                    "--host=" + HOST,
                    "--port=" + leader.pgPort(),
                    "--username=replicator",
                    "--no-password",
                    "--pgdata=" + base,
                    "--wal-method=stream",
                    "--checkpoint=fast")),
            dir,
            backupLog,
            Map.of("PGPASSWORD", replicationPassword));
    try {
      if (!backup.process().waitFor(180, TimeUnit.SECONDS) || backup.process().exitValue() != 0) {
        backup.close();
        throw new ClusterStartException(
            "pg_basebackup (the base backup for point-in-time recovery) failed: read " + backupLog);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      backup.close();
      throw new ClusterStartException("interrupted while taking the base backup", e);
    }
  }

  /** The JDBC URL of {@code database} through HAProxy's write port: always the current leader. */
  public String writeJdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + ports.write() + "/" + database;
  }

  /** The JDBC URL of {@code database} through HAProxy's read port: a replica, which may lag. */
  public String readJdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + ports.read() + "/" + database;
  }

  /** The nodes' names, {@code pg1} to {@code pg3}. */
  public List<String> nodes() {
    return nodes.stream().map(Node::name).toList();
  }

  /** The log of a node (Patroni's and its PostgreSQL's output). */
  public Path log(String node) {
    return node(node).log();
  }

  /** The ports the cluster listens on. */
  public Ports ports() {
    return ports;
  }

  /**
   * The node that is the leader now, by Patroni's REST check ({@code GET /primary} answers 200).
   *
   * @throws ClusterStartException when no node is the leader (during a failover)
   */
  public String leader() {
    return currentLeader()
        .orElseThrow(() -> new ClusterStartException("Patroni: no node is the leader now"));
  }

  private Optional<String> currentLeader() {
    return nodes.stream()
        .filter(n -> n.process != null && n.process.isAlive() && status(n, "/primary") == 200)
        .map(Node::name)
        .findFirst();
  }

  /**
   * Kills the leader's Patroni and its PostgreSQL with SIGKILL, as a crash would, and returns its
   * name. Not idempotent: each call kills the leader of that moment.
   */
  public String killLeader() {
    Node leader = node(leader());
    kill(leader);
    log.info("SIGKILLed the leader {}", leader.name());
    return leader.name();
  }

  private static void kill(Node node) {
    // Patroni detaches its postmaster (a new session, reparented), so the node's processes are
    // Patroni's tree and the postmaster's tree; all are collected before any is killed, Patroni
    // first so it cannot start PostgreSQL again. A postmaster killed alone would leave its
    // backends serving their open connections.
    List<ProcessHandle> tree = new ArrayList<>();
    ProcessHandle patroni = node.process.process().toHandle();
    tree.add(patroni);
    tree.addAll(patroni.descendants().toList());
    postmaster(node)
        .ifPresent(
            pm -> {
              tree.add(pm);
              tree.addAll(pm.descendants().toList());
            });
    tree.forEach(ProcessHandle::destroyForcibly);
    // Not onExit of each: killed backends are reparented, and may stay zombies where no init
    // reaps them. Patroni is our child; the node is down once its port refuses connections.
    try {
      node.process.process().waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    dev.croupier.devstack.Ports.awaitClosed(HOST, node.pgPort(), Duration.ofSeconds(30));
  }

  /**
   * Waits until a node is the leader and HAProxy's write port reaches it, and returns its name.
   *
   * @throws ClusterStartException when none is within {@code timeout}
   */
  public String awaitLeader(Duration timeout) {
    await(
        "a Patroni leader",
        dir,
        timeout,
        () -> true,
        () -> {
          if (currentLeader().isEmpty()) {
            return false;
          }
          try (Connection c = superuser(writeJdbcUrl("postgres"));
              Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("select not pg_is_in_recovery()")) {
            return rs.next() && rs.getBoolean(1);
          } catch (SQLException e) {
            return false;
          }
        });
    return leader();
  }

  /**
   * The health of each component, by name ({@code etcd}, {@code pg1} to {@code pg3}, {@code
   * haproxy}): {@code up} or {@code down} for etcd and HAProxy; for a node its Patroni role by the
   * REST checks ({@code leader}, {@code sync_standby}, {@code replica}) or {@code down}. What is
   * down is named, as an operator's health check should.
   */
  public Map<String, String> health() {
    Map<String, String> health = new java.util.LinkedHashMap<>();
    health.put(
        "etcd",
        httpStatus("http://" + HOST + ":" + ports.etcdClient() + "/health") == 200 ? "up" : "down");
    for (Node node : nodes) {
      String role;
      if (node.process == null || !node.process.isAlive()) {
        role = "down";
      } else if (status(node, "/primary") == 200) {
        role = "leader";
      } else if (status(node, "/sync") == 200) {
        role = "sync_standby";
      } else if (status(node, "/replica") == 200) {
        role = "replica";
      } else {
        role = "down";
      }
      health.put(node.name(), role);
    }
    health.put(
        "haproxy",
        haproxy != null
                && haproxy.isAlive()
                && dev.croupier.devstack.Ports.isOpen(HOST, ports.write())
            ? "up"
            : "down");
    return health;
  }

  /** Where the nodes archive their WAL ({@code archive_command}); the base backup is beside it. */
  public Path archiveDir() {
    return dir.resolve("archive").resolve("wal");
  }

  private Path baseBackupDir() {
    return dir.resolve("archive").resolve("base");
  }

  /**
   * Point-in-time recovery: restores the base backup and replays the WAL archive up to {@code at}
   * (the last commit at or before it; following the latest timeline, so across failovers) into a
   * NEW standalone PostgreSQL in {@code target}, on a free loopback port, and promotes it. The
   * cluster first switches to a new WAL segment and waits until it is archived, so every commit up
   * to now can be replayed. The restored server stops with {@link RestoredDatabase#close()} or with
   * this cluster.
   *
   * @param at a moment after the cluster started (its base backup) and not in the future
   * @param target an empty or missing folder of its own
   * @throws ClusterStartException when the restore does not come up: one line with its log
   */
  public RestoredDatabase restoreAt(Instant at, Path target) {
    Path data = target.toAbsolutePath().resolve("data");
    archiveCurrentSegment();
    int port = dev.croupier.devstack.Ports.freePort();
    try {
      Files.createDirectories(target);
      if (Os.root()) {
        Os.run(
            List.of("chown", "postgres:postgres", target.toAbsolutePath().toString()),
            Duration.ofSeconds(10));
        Os.run(List.of("chmod", "755", target.toAbsolutePath().toString()), Duration.ofSeconds(10));
      }
      Os.run(
          Os.asPostgres(List.of("cp", "-a", baseBackupDir().toString(), data.toString())),
          Duration.ofSeconds(120));
      Path conf = data.resolve("postgresql.conf");
      Path signal = data.resolve("recovery.signal");
      Path staging = target.toAbsolutePath().resolve("postgresql.conf.new");
      Files.writeString(
          staging, PatroniConfig.restoredConf(port, target.toAbsolutePath(), archiveDir(), at));
      Files.writeString(target.toAbsolutePath().resolve("recovery.signal.new"), "");
      Os.run(
          Os.asPostgres(List.of("cp", staging.toString(), conf.toString())),
          Duration.ofSeconds(10));
      Os.run(
          Os.asPostgres(
              List.of(
                  "cp",
                  target.toAbsolutePath().resolve("recovery.signal.new").toString(),
                  signal.toString())),
          Duration.ofSeconds(10));
    } catch (IOException e) {
      throw new ClusterStartException("PITR: cannot prepare " + target + ": " + e.getMessage(), e);
    }
    Path restoreLog = target.toAbsolutePath().resolve("postgres.log");
    ManagedProcess postgres =
        ManagedProcess.start(
            "restored postgres",
            Os.asPostgres(
                List.of(bin.postgresBin().resolve("postgres").toString(), "-D", data.toString())),
            target.toAbsolutePath(),
            restoreLog,
            Map.of("LC_ALL", "C.UTF-8"));
    RestoredDatabase db = new RestoredDatabase(port, postgres, restoreLog);
    restored.add(db);
    await(
        "the restored PostgreSQL (recovery to " + at + ")",
        restoreLog,
        Duration.ofSeconds(180),
        postgres::isAlive,
        () -> {
          try (Connection c =
                  DriverManager.getConnection(db.jdbcUrl("postgres"), "croupier", DEV_PASSWORD);
              Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("select not pg_is_in_recovery()")) {
            return rs.next() && rs.getBoolean(1);
          } catch (SQLException e) {
            return false;
          }
        });
    log.info("Restored the WAL archive at {} into {} (port {})", at, target, port);
    return db;
  }

  private void archiveCurrentSegment() {
    String segment;
    try (Connection c = superuser(writeJdbcUrl("postgres"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select pg_walfile_name(pg_switch_wal())")) {
      rs.next();
      segment = rs.getString(1);
    } catch (SQLException e) {
      throw new ClusterStartException(
          "PITR: cannot switch the WAL segment on the leader: " + e.getMessage(), e);
    }
    Path leaderLog = node(leader()).log();
    await(
        "WAL archiving of " + segment,
        leaderLog,
        Duration.ofSeconds(60),
        () -> true,
        () -> Files.exists(archiveDir().resolve(segment)));
  }

  private Connection superuser(String url) throws SQLException {
    java.util.Properties props = new java.util.Properties();
    props.setProperty("user", "postgres");
    props.setProperty("password", superuserPassword);
    props.setProperty("connectTimeout", "3");
    props.setProperty("socketTimeout", "10");
    return DriverManager.getConnection(url, props);
  }

  private int status(Node node, String path) {
    return httpStatus("http://" + HOST + ":" + node.restPort() + path);
  }

  private int httpStatus(String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private Node node(String name) {
    return nodes.stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + name + " (pg1 to pg3)"));
  }

  /** The node's running postmaster, by its pid file. */
  private static Optional<ProcessHandle> postmaster(Node node) {
    Path pid = node.dir().resolve("data").resolve("postmaster.pid");
    try {
      return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).getFirst().trim()))
          .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Waits for {@code ready}, failing with one line naming {@code component} and its log. */
  static void await(
      String component,
      Path logFile,
      Duration timeout,
      BooleanSupplier alive,
      BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (ready.getAsBoolean()) {
        return;
      }
      if (!alive.getAsBoolean()) {
        throw new ClusterStartException(component + " exited before it was ready: read " + logFile);
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterStartException(
            component + " was not ready within " + timeout.toSeconds() + "s: read " + logFile);
      }
      try {
        Thread.sleep(STEP);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterStartException("interrupted while waiting for " + component, e);
      }
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Stops the restored servers, HAProxy, the nodes (in parallel) and etcd; leaves no process. */
  @Override
  public void close() {
    restored.forEach(RestoredDatabase::close);
    if (haproxy != null) {
      haproxy.close();
    }
    CompletableFuture.allOf(
            nodes.stream()
                .filter(n -> n.process != null)
                .map(n -> CompletableFuture.runAsync(() -> n.process.close()))
                .toArray(CompletableFuture[]::new))
        .join();
    // Patroni stops its PostgreSQL on SIGTERM; one that outlived its Patroni is killed here.
    for (Node node : nodes) {
      postmaster(node)
          .ifPresent(
              pm -> {
                pm.descendants().forEach(ProcessHandle::destroyForcibly);
                pm.destroyForcibly();
              });
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  private static final class Node {
    private final String name;
    private final int pgPort;
    private final int restPort;
    private final Path dir;
    private ManagedProcess process;

    Node(String name, int pgPort, int restPort, Path dir) {
      this.name = name;
      this.pgPort = pgPort;
      this.restPort = restPort;
      this.dir = dir;
    }

    String name() {
      return name;
    }

    int pgPort() {
      return pgPort;
    }

    int restPort() {
      return restPort;
    }

    Path dir() {
      return dir;
    }

    Path log() {
      return dir.resolve("patroni.log");
    }
  }
}
