package dev.croupier.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dev stack does not run PostgreSQL itself: it uses the machine's server (Debian's package,
 * installed and started by {@code .ci/ensure-postgres.sh}) and only checks it and creates the
 * database.
 */
public final class Postgres {
  private static final Logger log = LoggerFactory.getLogger(Postgres.class);
  private static final String MISSING_DATABASE = "3D000";

  private Postgres() {}

  /** Opens a connection, or fails with one line that names the URL and how to start PostgreSQL. */
  public static Connection connect(PostgresSettings settings) {
    try {
      return open(settings);
    } catch (SQLException e) {
      throw unreachable(settings, e);
    }
  }

  /**
   * Creates the database named in {@code settings} when it is missing. Errors name the configured
   * URL, not the maintenance database used to create it.
   */
  public static void ensureDatabase(PostgresSettings settings) {
    ensureDatabase(settings, true);
  }

  /** Bootstraps the local server at most once: a server that still refuses is an error. */
  private static void ensureDatabase(PostgresSettings settings, boolean mayBootstrap) {
    try (Connection ignored = open(settings)) {
      return;
    } catch (SQLException e) {
      if (!MISSING_DATABASE.equals(e.getSQLState())) {
        if (!mayBootstrap || !bootstrapLocalServer(settings)) {
          throw unreachable(settings, e);
        }
        ensureDatabase(settings, false);
        return;
      }
    }
    String database = settings.database();
    try (Connection admin = open(settings.withDatabase("postgres"));
        Statement create = admin.createStatement()) {
      create.execute("create database " + quoteIdentifier(database));
      log.info("created database {}", database);
    } catch (SQLException e) {
      throw new DevStackException(
          "Database %s is missing on %s and cannot be created as user %s (%s). Create it, or grant CREATEDB to the user."
              .formatted(database, settings.url(), settings.user(), firstLine(e.getMessage())),
          e);
    }
  }

  /**
   * On the default loopback URL, installs and starts the machine's PostgreSQL with {@code
   * .ci/ensure-postgres.sh} (Debian's packages; needs root), as CI does. Returns whether it ran.
   */
  private static boolean bootstrapLocalServer(PostgresSettings settings) {
    if (!PostgresSettings.DEFAULT_URL.equals(settings.url())
        || "false".equals(System.getenv("CROUPIER_BOOTSTRAP_POSTGRES"))) {
      return false;
    }
    Path script = null;
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(".ci/ensure-postgres.sh"))) {
        script = dir.resolve(".ci/ensure-postgres.sh");
        break;
      }
    }
    if (script == null || !"root".equals(System.getProperty("user.name"))) {
      return false;
    }
    log.warn("PostgreSQL is not reachable at {}: running {}", settings.url(), script);
    try {
      Process p = new ProcessBuilder("bash", script.toString()).inheritIO().start();
      return p.waitFor(15, TimeUnit.MINUTES) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Connection open(PostgresSettings settings) throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", settings.user());
    props.setProperty("password", settings.password());
    props.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(settings.url(), props);
  }

  private static DevStackException unreachable(PostgresSettings settings, SQLException e) {
    return new DevStackException(
        "PostgreSQL is not reachable at %s as user %s (%s). Start it with `bash .ci/ensure-postgres.sh` (installs, starts and creates the role), or point CROUPIER_DB_URL/CROUPIER_DB_USER/CROUPIER_DB_PASSWORD at your server."
            .formatted(settings.url(), settings.user(), firstLine(e.getMessage())),
        e);
  }

  public static String quoteIdentifier(String name) {
    if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]{0,62}")) {
      throw new IllegalArgumentException("Unsafe database name: " + name);
    }
    return '"' + name + '"';
  }

  static String firstLine(String message) {
    if (message == null) {
      return "no detail";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
