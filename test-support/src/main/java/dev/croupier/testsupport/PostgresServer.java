package dev.croupier.testsupport;

import dev.croupier.devstack.Postgres;
import dev.croupier.devstack.PostgresSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server tests run against, chosen once per JVM: the server named by {@code
 * CROUPIER_TEST_DB_URL} (with {@code CROUPIER_DB_USER}/{@code CROUPIER_DB_PASSWORD}); else a
 * Testcontainers container where a Docker engine answers; else the local server that {@code
 * .ci/ensure-postgres.sh} sets up. Databases are cloned from a template migrated once per JVM,
 * which makes a fresh database per test class cost tens of milliseconds.
 */
final class PostgresServer {
  private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
  private static final String PREFIX = "croupier_t_";
  private static PostgresServer instance;

  private final PostgresSettings admin;
  private final String template;
  private final String owner;

  private PostgresServer(PostgresSettings admin) {
    this.admin = admin;
    this.owner = PREFIX + ProcessHandle.current().pid() + "_";
    this.template = owner + "template";
    // Fails with a one-line remedy when unreachable; installs the local server where it can.
    Postgres.ensureDatabase(admin);
    dropLeftoversOfDeadJvms();
    createTemplate();
    Runtime.getRuntime().addShutdownHook(new Thread(this::dropOwnDatabases));
  }

  static synchronized PostgresServer get() {
    if (instance == null) {
      instance = new PostgresServer(locate());
    }
    return instance;
  }

  private static PostgresSettings locate() {
    String url = System.getenv("CROUPIER_TEST_DB_URL");
    if (url != null && !url.isBlank()) {
      PostgresSettings env = PostgresSettings.fromEnvironment();
      return new PostgresSettings(url, env.user(), env.password());
    }
    if (dockerAvailable()) {
      PostgreSQLContainer container =
          new PostgreSQLContainer("postgres:17-alpine").withDatabaseName("croupier");
      container.start();
      log.info("Using a Testcontainers PostgreSQL at {}", container.getJdbcUrl());
      return new PostgresSettings(
          container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
    return PostgresSettings.fromEnvironment();
  }

  private static boolean dockerAvailable() {
    // Without a socket there is no engine; skip Testcontainers' slower probing and its log noise.
    if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Creates a fresh database cloned from the migrated template. */
  PostgresDatabase createDatabase() {
    String name = owner + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("create database " + name + " template " + template);
    PostgresSettings db = admin.withDatabase(name);
    return new PostgresDatabase(db.url(), db.user(), db.password());
  }

  void dropDatabase(PostgresDatabase database) {
    String name = database.settings().database();
    execute("drop database if exists " + Postgres.quoteIdentifier(name) + " with (force)");
  }

  private void createTemplate() {
    execute("drop database if exists " + template + " with (force)");
    execute("create database " + template);
    PostgresSettings t = admin.withDatabase(template);
    Flyway.configure()
        .dataSource(t.url(), t.user(), t.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  private void execute(String sql) {
    try (Connection c = Postgres.connect(admin.withDatabase("postgres"));
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private List<String> databases(String like) {
    List<String> names = new ArrayList<>();
    try (Connection c = Postgres.connect(admin.withDatabase("postgres"));
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select datname from pg_database where datname like '" + like + "%'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return names;
  }

  private void dropLeftoversOfDeadJvms() {
    for (String name : databases(PREFIX)) {
      String[] parts = name.substring(PREFIX.length()).split("_", 2);
      try {
        long pid = Long.parseLong(parts[0]);
        if (ProcessHandle.of(pid).isEmpty()) {
          execute("drop database if exists " + name + " with (force)");
        }
      } catch (NumberFormatException | IllegalStateException e) {
        log.debug("leaving {} alone: {}", name, e.getMessage());
      }
    }
  }

  private void dropOwnDatabases() {
    try {
      for (String name : databases(owner)) {
        execute("drop database if exists " + name + " with (force)");
      }
    } catch (RuntimeException e) {
      log.debug("cleanup at exit failed: {}", e.getMessage());
    }
  }
}
